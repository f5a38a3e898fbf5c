# El mapa de las propuestas de una ronda, su lista y los campos de lugar del formulario.
map-link = Mapa de propuestas
map-title = Mapa de propuestas — { $round }
map-lead = Cada propuesta con un lugar es un marcador en el mapa y una entrada en la lista de abajo, que dice lo mismo con palabras.
map-region = Mapa de las propuestas
map-no-tiles = No se pudo cargar el fondo del mapa; los marcadores se siguen mostrando.
map-filter-status = Estado
map-filter-district = Distrito
map-filter-category = Categoría
map-filter-from = Distancias desde
map-filter-from-hint = Un lugar indicado por el ayuntamiento, para ordenar las propuestas de cada distrito por cercanía.
map-filter-submit = Mostrar
map-list-heading = Las propuestas en una lista ({ $n })
map-none = Ninguna propuesta con lugar coincide.
map-without-point = { $count ->
    [one] Coincide una propuesta más, pero no tiene lugar.
   *[other] Coinciden { $n } propuestas más, pero no tienen lugar.
}
map-all-proposals = Ver todas las propuestas
map-back = Volver a la ronda
map-funded = Financiada
map-not-funded = No financiada
map-metres = { $n } m
map-kilometres = { $n } km
map-distance-from = a { $distance } de { $place }
map-coordinates = Coordenadas: { $point }
map-see-on-map = verla en el mapa
map-where-legend = ¿Dónde estaría?
map-where-hint = Opcional. Elige uno de los lugares que indicó el ayuntamiento o escribe coordenadas (latitud, longitud); con JavaScript, al pulsar en el mapa se rellenan.
map-place-label = Un lugar de la lista
map-point-label = Coordenadas
map-point-hint = Latitud y después longitud, en grados, p. ej. 40.4168, -3.7038.
map-picker-region = Mapa para elegir el lugar
