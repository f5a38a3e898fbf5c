# Títulos de las páginas de error
errors-title-bad-request = Algo de la petición no está bien
errors-title-not-found = No se ha encontrado la página
errors-title-unauthorized = Inicia sesión
errors-title-invalid = Hay respuestas que corregir
errors-title-too-many = Demasiados intentos
errors-title-forbidden = No está permitido
errors-title-conflict = Ya está hecho
errors-title-too-large = Demasiado grande
errors-title-unavailable = No disponible en este momento
errors-title-internal = Algo ha ido mal

# Qué hacer a continuación
errors-advice-not-found = Revisa la dirección o vuelve a empezar desde la lista de presupuestos participativos.
errors-advice-unavailable = Suele durar poco. Espera un minuto y vuelve a intentarlo. Si estabas votando, puede que tu papeleta se haya guardado o no: al intentarlo de nuevo, o bien votarás, o bien se te dirá que ya has votado; en ese caso tu papeleta cuenta y puedes encontrarla en el tablón público.
errors-advice-server = El problema ha quedado registrado. Vuelve a intentarlo en un momento; si sigue pasando, ponte en contacto con la oficina de participación del ayuntamiento.
errors-advice-request = Vuelve atrás, corrige lo que indica el mensaje e inténtalo de nuevo.
errors-go-to-rounds = Ir a la lista de presupuestos participativos

# Mensajes
errors-no-page-here = No hay ninguna página en esta dirección.
errors-no-language = aquí no hay ningún idioma `{ $code }`
