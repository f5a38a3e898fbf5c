# La página del ayuntamiento para los lugares con nombre de la ciudad.
places-title = Lugares con nombre
places-box = El área de la ciudad es el rectángulo de { $sw } a { $ne }.
places-no-box = La ciudad no tiene un rectángulo definido.
places-boundaries = Distritos con límite: { $n }.
places-area-how = El área y los límites de los distritos se definen desde la línea de órdenes (budgetbox area box, budgetbox area district). Las propuestas solo llevan un punto cuando uno de ellos está definido.
places-none = Todavía no hay lugares con nombre.
places-caption = Lugares que los vecinos pueden elegir para una propuesta
places-col-name = Lugar
places-col-district = Distrito
places-col-point = Latitud, longitud
places-csv = La lista, en CSV
places-csv-hint = Un lugar por línea: distrito (su nombre corto, vacío para toda la ciudad), nombre, latitud, longitud. La primera línea nombra las columnas. Cada lugar debe estar en la ciudad y en su distrito; si uno no lo está, no cambia nada.
places-submit = Guardar la lista
places-saved = La lista de lugares está guardada.
