# Cifras
# Se muestra cuando una cifra no se puede calcular (aún no hay datos)
statistics-none = —
statistics-percent = { $value } %
statistics-days =
    { $count ->
        [one] { $n } día
       *[other] { $n } días
    }
# Celdas protegidas: un recuento por debajo del mínimo y un recuento oculto para que no se deduzcan los pequeños
statistics-cell-small = < { $min }
statistics-cell-hidden = —
statistics-not-published = No se publica: hay tan pocas personas en este desglose que se podría identificar a alguien.
statistics-total = Total

# Etiquetas de filas y columnas de los desgloses
statistics-label-women = Mujeres
statistics-label-men = Hombres
statistics-label-non-binary = No binarias
statistics-label-not-stated = Sin indicar
statistics-label-under-18 = Menos de 18
statistics-label-65-and-over = 65 o más
statistics-label-other-district = Otro o sin indicar
statistics-label-citywide = Toda la ciudad
statistics-label-voters = Votantes
statistics-label-proposals = Propuestas
statistics-corner-district = Distrito
statistics-corner-age = Edad

# Participación
statistics-proposals-submitted = Propuestas presentadas
statistics-feasible = Viables
statistics-funded = Financiadas
statistics-funded-value = { $n } ({ $percent } de las viables)
statistics-implemented = Ejecutadas
statistics-implemented-value = { $percent } de las financiadas
statistics-median-days = Tiempo mediano desde el resultado hasta la finalización

# Quién participó en una convocatoria
statistics-round-title = Quién participó: { $round }
statistics-privacy = Para proteger la privacidad, un recuento de menos de { $min } personas se muestra como «< { $min }». Un guion (—) indica un recuento mayor que se oculta para que no se pueda deducir uno pequeño a partir de los totales.
statistics-engagement = Participación
statistics-not-frozen = La votación sigue abierta o la convocatoria aún no se ha contado: estas cifras son para el personal y quedarán fijadas cuando se cuente la convocatoria.
statistics-voters = Votantes
statistics-voters-text =
    { $count ->
        [one] Votantes con cuenta, según el distrito de residencia y el género que indicaron en su perfil, y según su edad al cierre de la votación. { $n } persona votó con un código de votación; no tiene perfil y no figura en estas tablas.
       *[other] Votantes con cuenta, según el distrito de residencia y el género que indicaron en su perfil, y según su edad al cierre de la votación. { $n } personas votaron con un código de votación; no tienen perfil y no figuran en estas tablas.
    }
statistics-voters-by-district = Votantes por distrito y género
statistics-voters-by-age = Votantes por edad
statistics-proposals = Propuestas
statistics-proposals-by-district = Propuestas por distrito y género de quien las presenta
statistics-proposals-by-age = Propuestas por edad de quien las presenta
statistics-back-to-round = Volver a la convocatoria

# La participación a lo largo del tiempo
statistics-over-time-title = La participación a lo largo del tiempo
statistics-over-time-none = Todavía no se ha contado ninguna convocatoria.
statistics-over-time-caption = Participación y compromiso por ronda
statistics-col-round = Convocatoria
statistics-col-proposals = Propuestas
statistics-col-feasible = Viables
statistics-col-funded = Financiadas (de las viables)
statistics-col-implemented = Ejecutadas
statistics-col-median-days = Días medianos hasta la finalización

# Qué pasó con mi voto (seguimiento de los proyectos financiados)
statistics-implementation-title = Qué pasó con mi voto: { $round }
statistics-implementation-lead = El resultado se contó el { $date }. Esto es lo que ha pasado desde entonces con cada proyecto financiado.
statistics-funded-projects = Proyectos financiados
statistics-completed = Terminados
statistics-cancelled = Cancelados
statistics-mine-title = Los proyectos de tu papeleta
statistics-code = Tu código de seguimiento
statistics-code-hint = El código de tu justificante, por ejemplo 7K3M-Q9RT-…
statistics-code-other-round = Este código de seguimiento es de otra convocatoria.
statistics-mine-submit = Mostrar mis proyectos
statistics-mine-none = Tu papeleta no incluía ningún proyecto de la papeleta definitiva.
statistics-mine-funded = financiado — { $status }
statistics-mine-not-funded = no financiado
statistics-no-funded = En esta convocatoria no se financió ningún proyecto.
# «Terminado, 100 % hecho. Coste 25.000 EUR. Terminado el 2026-09-01.»
statistics-project-done = { $percent } % hecho.
statistics-project-cost = Coste
statistics-project-completed = Terminado el { $date }.
statistics-record-progress-link = Registrar avances de { $title }

# Etapas de un proyecto financiado
statistics-status-planned = Previsto
statistics-status-in-progress = En marcha
statistics-status-completed = Terminado
statistics-status-cancelled = Cancelado
statistics-status-not-started = Sin empezar

# Registrar avances (ayuntamiento)
statistics-progress-title = Registrar avances: { $title }
statistics-progress-status = Estado
statistics-progress-percent = Porcentaje hecho
statistics-progress-percent-hint = De 0 a 100; si lo dejas vacío, un proyecto terminado tiene 100
statistics-progress-date = Fecha en que ocurrió
statistics-progress-date-hint = AAAA-MM-DD; si lo dejas vacío, hoy
statistics-progress-note = Nota para el público
statistics-progress-note-hint = Qué ha pasado, en palabras sencillas.
statistics-progress-submit = Registrar este paso
statistics-back-to-follow-up = Volver al seguimiento

# Rechazos que se muestran en la página de error
statistics-error-not-counted = esta convocatoria todavía no se ha contado
statistics-error-no-project = no existe ese proyecto
statistics-voters-count = Votantes
statistics-turnout = Participación
statistics-turnout-value = { $voters } de { $eligible } personas del censo ({ $percent })
statistics-turnout-unknown = No se conoce: la ronda no tiene censo, así que cuenta quién votó pero no cuántas personas podían votar
statistics-col-voters = Votantes
statistics-col-turnout = Participación
statistics-over-time-turnout-note = La participación es la proporción de personas del censo que votaron; una ronda sin censo muestra «—».
