# La lista de convocatorias
council-rounds-title = Gestionar convocatorias
council-create = Crear una convocatoria
council-rounds-caption = Todas las convocatorias
council-col-round = Convocatoria
council-col-phase = Fase
council-col-voting = Votación

# El formulario de configuración
council-frozen-label = La votación ya ha empezado:
council-frozen-text = la configuración está bloqueada. Solo se puede ampliar la fecha de cierre, con un motivo que se publica.
council-legend-round = La convocatoria
council-field-title = Título
council-field-description = Descripción para los vecinos y vecinas
council-field-currency = Moneda
council-field-currency-hint = Tres letras, por ejemplo EUR.
council-field-total-budget = Presupuesto total
council-field-total-budget-hint = En unidades de la moneda, por ejemplo 1.500.000 o 1500000,50.
council-field-citywide = Partida para toda la ciudad
council-field-citywide-hint = Dinero para proyectos de toda la ciudad, aparte del de los distritos. Déjalo vacío si no hay.
council-field-districts = Distritos y sus presupuestos
council-field-districts-hint = Uno por línea como distrito=importe, por ejemplo centro=450000. Un nombre nuevo crea el distrito.
council-field-categories = Categorías
council-field-categories-hint = Una por línea, por ejemplo Zonas verdes.
council-legend-phases = Fases (en la zona horaria de la convocatoria)
council-field-proposals-open = Apertura de propuestas
council-field-review-at = Inicio de la revisión
council-field-voting-open = Apertura de la votación
council-field-voting-close = Cierre de la votación
council-field-voting-close-hint = Una vez abierta la votación, es la única fecha que se puede cambiar, y solo para retrasarla.
council-field-time-zone = Zona horaria de la convocatoria (las fechas de las fases están en ella)
council-legend-proposals = Propuestas
council-field-per-author = Propuestas por persona
council-field-per-author-hint = Propuestas activas que puede tener cada persona en esta convocatoria. Por defecto, 5.
council-field-supports = Los vecinos pueden apoyar propuestas mientras se recogen
council-field-threshold = Apoyos necesarios para pasar a revisión
council-field-threshold-hint = Las propuestas con menos apoyos al empezar la revisión no se revisan. Déjalo vacío si no hay mínimo.
council-legend-ballot = Papeleta
council-field-ballot-type = Tipo de papeleta
council-field-min-choices = Mínimo de proyectos por papeleta
council-field-min-choices-hint = Papeletas de aprobación y por orden de preferencia.
council-field-max-choices = Máximo de proyectos por papeleta
council-field-max-choices-hint = Déjalo vacío si no hay máximo.
council-field-points-total = Puntos por votante
council-field-points-total-hint = Necesario en las papeletas de reparto de puntos: los puntos que reparte cada votante.
council-field-revote = Volver a votar
council-field-points-per-project = Máximo de puntos para un proyecto
council-field-points-per-project-hint = Papeletas de reparto de puntos. Déjalo vacío si no hay límite.
council-legend-counting = Recuento
council-field-rule = Regla de recuento
council-field-tie-break = Desempate
council-field-tie-break-hint = Se usa cuando hay proyectos empatados: cost (primero el más barato), id (primero la propuesta más antigua), lottery:SEMILLA. Por defecto: cost,id para las reglas de más votos, id para el reparto igualitario y Phragmén.
council-legend-eligibility = Quién puede votar
council-field-min-age = Edad mínima
council-field-min-age-hint = Déjalo vacío si no hay edad mínima.
council-field-age-date = Edad en esta fecha
council-field-age-date-hint = Por defecto: el día en que se abre la votación.
council-field-residence = Distrito de quien vota
council-field-requires-census = Solo personas del padrón (subido por el ayuntamiento)
council-field-requires-manual-check = Solo personas comprobadas en persona por personal municipal
council-field-reason = Motivo de este cambio
council-field-reason-hint = Se publica en el registro de cambios de la convocatoria. Obligatorio una vez abierta la votación.
council-save = Guardar los cambios
council-create-submit = Crear la convocatoria

# Tipos de papeleta
council-ballot-approval = Aprobación: marca todos los proyectos que apoyas (entre un mínimo y un máximo)
council-ballot-knapsack = Mochila: elige proyectos cuyo coste total quepa en el presupuesto del distrito
council-ballot-ranked = Por orden de preferencia: ordena tus proyectos favoritos
council-ballot-cumulative = Reparto de puntos: distribuye un número de puntos entre los proyectos

# Volver a votar
council-revote-final = La papeleta es definitiva una vez emitida
council-revote-last-counts = Se puede volver a votar hasta el cierre; solo cuenta la última papeleta

# Dónde vota cada persona
council-residence-none = Cualquiera puede votar, en cualquier distrito de la convocatoria
council-residence-self-declared = Cada persona vota en el distrito donde dice que vive
council-residence-verified = Cada persona vota en un distrito confirmado por el padrón o por el equipo de revisión

# Reglas de recuento
council-rule-greedy = Primero los más votados: los proyectos se financian por orden de votos; si uno ya no cabe en el dinero que queda, se salta y se prueba con el siguiente.
council-rule-greedy-no-skip = Primero los más votados, parando en el primero que no cabe: la financiación se detiene en el primer proyecto que el dinero restante no cubre, aunque quepan proyectos más baratos por debajo.
council-rule-greedy-threshold = Primero los más votados, con un mínimo: como la primera regla, pero solo se pueden financiar proyectos con al menos el mínimo de votos (o puntos) indicado abajo.
council-rule-mes-add1 = Método de Reparto Igualitario (Equal Shares): cada votante controla una parte igual del presupuesto; un proyecto se financia cuando quienes lo apoyan pueden pagarlo entre todos, así que cada grupo de votantes obtiene proyectos en proporción a su tamaño. El dinero sobrante se usa aumentando un poco cada parte, como hace equalshares.net.
council-rule-mes-add1-fill = Método de Reparto Igualitario y luego los más votados: como el anterior, y el dinero que aún quede financia los proyectos restantes más votados que quepan.
council-rule-phragmen = Phragmén secuencial: los proyectos los van comprando de uno en uno quienes los apoyan, eligiendo cada vez el que mantiene lo más baja posible la mayor carga sobre un solo votante. Proporcional, para papeletas de aprobación y de mochila.

# Gestionar una convocatoria
council-manage-title = Gestionar: { $round }
# Seguido del nombre de la fase en negrita y de un enlace a la página pública
council-current-phase = Fase actual:
council-public-page = Ver la página pública
council-advance-title = Pasar ahora a la fase siguiente
council-advance-text = Las fases cambian solas en las fechas configuradas. Para adelantar el cambio (o cerrar la votación), indica un motivo; se publicará.
council-advance-reason = Motivo
council-advance-submit = Pasar a la fase siguiente
council-count-title = Contar las papeletas
council-count-text = La votación ha terminado. El recuento suma el tablón público con la regla y el desempate de la convocatoria y guarda el resultado, una sola vez, con la cabeza de la cadena. Después, publícalo con «Pasar a la fase siguiente».
council-count-submit = Contar las papeletas
council-config-title = Configuración
council-simulate-link = Comparar reglas de recuento con las papeletas de esta convocatoria
council-census-title = Padrón
council-census-text = Sube la lista de residentes en CSV con las columnas document_number, birth_year y (opcionalmente) district. Sustituye a la lista actual; no se importa nada si alguna fila es incorrecta. Los números de documento solo se guardan como huellas con sal.
council-census-file = Archivo del padrón (.csv)
council-census-submit = Sustituir el padrón
council-codes-title = Códigos de votación
council-codes-status = Emitidos: { $issued }. Usados: { $used }. Cada código se muestra una sola vez, al generarlo: imprime la hoja enseguida.
council-codes-count = Cuántos
council-codes-district = Para el distrito (identificador)
council-codes-district-hint = Déjalo vacío para códigos de toda la ciudad.
council-codes-submit = Generar una hoja para imprimir
council-log-title = Registro de cambios

# Mensajes tras una acción
council-done-created = La convocatoria se ha creado.
council-done-saved = Tus cambios se han guardado y figuran en el registro de cambios.
council-done-advanced = La convocatoria ha pasado a la fase siguiente.
council-census-replaced =
    { $count ->
        [one] Padrón sustituido: { $rows } persona ({ $added } añadidas, { $removed } eliminadas, { $unchanged } sin cambios).
       *[other] Padrón sustituido: { $rows } personas ({ $added } añadidas, { $removed } eliminadas, { $unchanged } sin cambios).
    }
# El motivo que sigue viene de la importación y, por ahora, está en inglés
council-census-nothing = No se ha importado nada: { $message }
council-counted =
    { $count ->
        [one] Se ha contado { $n } papeleta. El resultado se ha guardado con la cabeza de la cadena { $head }; publícalo pasando a la fase siguiente.
       *[other] Se han contado { $n } papeletas. El resultado se ha guardado con la cabeza de la cadena { $head }; publícalo pasando a la fase siguiente.
    }

# La hoja de códigos de votación para imprimir
council-code-sheet-title = Códigos de votación: { $round }
council-code-sheet-print = Estos códigos solo se muestran ahora. Imprime esta página (cada código sirve una sola vez) y después ciérrala.
council-code-sheet-how = Para votar no necesitas cuenta ni correo: entra en

# Rechazos que se muestran en la página de error
council-error-codes-count = indica cuántos códigos con un número entero
council-error-census-utf8 = el archivo del padrón debe ser texto UTF-8
council-codes-from-census-text = En esta votación también se vota con cuenta, o se comprueba el censo, así que los códigos se emiten a partir del censo: sube un fichero del censo con las personas a las que escribir (document_number, birth_year y las columnas que necesiten las cartas, como nombre y dirección). Recibes la misma lista con un código por persona para imprimir las cartas; budgetbox guarda solo los resúmenes de los códigos, cada uno ligado a su persona, así que quien vota con su código no puede volver a votar con una cuenta, ni al revés.
council-codes-from-census-file = Fichero del censo con las personas a las que escribir (CSV)
council-codes-from-census-submit = Emitir códigos y descargar la lista de envío
council-channels-accounts = Solo con una cuenta
council-channels-accounts-and-codes = Con una cuenta o un código enviado por correo (necesita el censo: los códigos se emiten a partir de él, así que quien vota con uno no puede votar con el otro)
council-channels-codes = Solo con un código enviado por correo
council-field-voting-channels = Cómo votan los vecinos
council-eligibility-what-it-stops = Qué impide cada regla: una cuenta sola no impide nada a quien abre cuentas desechables. El censo, una comprobación en persona de un documento de identidad o los códigos enviados a las personas del censo ligan cada papeleta a una persona, aparezcan o desaparezcan cuentas. Los códigos sin censo solo impiden votar dos veces cuando nadie puede votar con una cuenta.
council-field-requires-verified-email = Las cuentas deben tener una dirección de correo verificada (la comprobación más débil para una votación real: impide cuentas con direcciones inventadas, no a una persona con varias direcciones reales)
council-field-rule-threshold = Mínimo de votos (o puntos)
council-field-rule-threshold-hint = Necesario para «Primero los más votados, con un mínimo»: un proyecto con menos votos no se financia.
council-code-sheet-district = Distrito: { $district }
council-code-sheet-any-district = Cualquier distrito de la votación: eliges el tuyo al votar.
council-code-sheet-code = y escribe este código:
council-legend-comments = Comentarios en las propuestas
council-field-comments = Los vecinos pueden comentar
council-comments-proposals-review = Mientras se recogen y revisan las propuestas (cerrado durante la votación)
council-comments-proposals = Solo mientras se recogen propuestas
council-comments-until-results = En todas las fases salvo la votación
council-comments-always = En todas las fases, también durante la votación
council-comments-never = Nunca
council-field-comment-days = Días que debe tener una cuenta para comentar
council-field-comment-days-hint = Déjalo vacío o en 0 para no exigirlo. El personal municipal responde en cualquier caso.
council-field-comment-verified = Solo comentan las cuentas con el correo verificado
council-field-requires-identity-provider = Los votantes deben estar verificados por el servicio de identidad de la ciudad (con un nivel de garantía que el ayuntamiento acepte)
