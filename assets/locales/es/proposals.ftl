# Estados de una propuesta (y decisión de la revisión)
proposals-status-submitted = Presentada, pendiente de revisión
proposals-status-feasible = Viable: en la papeleta
proposals-status-infeasible = No viable
proposals-status-withdrawn = Retirada por su autor o autora

# La lista de propuestas, con sus filtros
proposals-list-title = Propuestas: { $round }
proposals-new = Presenta una propuesta
proposals-citywide = Toda la ciudad
proposals-district = Distrito
proposals-category = Categoría
proposals-filter-label = Filtrar propuestas
proposals-filter-search = Buscar en títulos, descripciones y lugares
proposals-filter-status = Estado
proposals-filter-cost-from = Coste desde
proposals-filter-cost-to = Coste hasta
proposals-filter-cost-hint = En { $currency }
proposals-filter-sort = Orden
proposals-filter-submit = Mostrar propuestas
proposals-sort-newest = Las más recientes primero
proposals-sort-oldest = Las más antiguas primero
proposals-sort-cost-low = Las más baratas primero
proposals-sort-cost-high = Las más caras primero
proposals-sort-title = Por título
proposals-found =
    { $count ->
        [one] { $n } propuesta
       *[other] { $n } propuestas
    }
proposals-found-paged =
    { $count ->
        [one] { $n } propuesta
       *[other] { $n } propuestas
    }, página { $page } de { $pages }
proposals-pages-label = Páginas de propuestas

# El formulario para presentar y editar
proposals-edit-title = Edita tu propuesta
proposals-field-title = Título
proposals-field-title-hint = De 5 a 120 caracteres, por ejemplo «Árboles junto al paseo del canal».
proposals-field-description = ¿Qué habría que hacer, dónde y para quién?
proposals-field-description-hint = Texto sin formato; deja una línea en blanco entre párrafos. Los enlaces se muestran como texto.
proposals-field-cost = Coste estimado
proposals-field-cost-hint = En { $currency }, por ejemplo 25.000. El equipo de revisión lo comprueba.
proposals-field-location = Lugar
proposals-field-location-hint = Una calle, una plaza o un lugar conocido.
proposals-form-submit = Guardar la propuesta

# La página de una propuesta
proposals-proposed-by = propuesta de { $authors }
# «Fusionada: esta propuesta forma parte ahora de <enlace>la propuesta 12</enlace>.» es una sola frase:
# la etiqueta, el texto antes del enlace, el texto del enlace y el resto (con un espacio inicial si hace falta).
proposals-merged-label = Fusionada:
proposals-merged-before = esta propuesta forma parte ahora de la
proposals-merged-link = propuesta { $id }
proposals-merged-after = .
proposals-image-alt = Imagen de la propuesta: { $title }
proposals-estimated-cost = Coste estimado
proposals-validated-cost = Coste validado
proposals-not-reviewed = todavía sin revisar
proposals-hidden-label = Ocultada por la moderación:
proposals-hidden-staff = Ves el texto porque moderas; los vecinos y vecinas no lo ven.
# Tras el número de apoyos, p. ej. «12 apoyos»
proposals-supports =
    { $count ->
        [one] apoyo
       *[other] apoyos
    }
proposals-supports-needed = { $n } necesarios para pasar a revisión
proposals-unsupport = Retirar mi apoyo
proposals-support = Apoyar esta propuesta
proposals-over-budget = La estimación supera el presupuesto total de la convocatoria; el equipo de revisión la examinará con atención.
proposals-history = Historial
proposals-history-submitted = presentada
proposals-history-changes = el equipo de revisión pidió cambios:
# Seguido de la fecha, entre paréntesis: «(su autor la editó el 3 de mayo de 2026, 10:00 UTC)»
proposals-history-edited = su autor la editó el
proposals-history-reviewed = revisada:
# Entre la decisión y el coste validado: «Viable: en la papeleta por 25.000 EUR»
proposals-history-at = por
proposals-yours = Tu propuesta
proposals-changes-asked = El equipo de revisión te ha pedido cambios.
proposals-changes-answer = Edita la propuesta para responder.
proposals-edit = Editar
proposals-image-replace = Cambiar la imagen
proposals-image-add = Añadir una imagen
proposals-image-hint = Un archivo JPEG, PNG o WebP de 5 MB como máximo.
proposals-image-upload = Subir la imagen
proposals-withdraw = Retirar esta propuesta
proposals-flag-summary = Denunciar esta propuesta por abusiva
proposals-flag-reason = ¿Qué problema tiene?
proposals-flag-reason-hint = La moderación lee todas las denuncias.
proposals-flag-submit = Enviar la denuncia
proposals-moderation = Moderación
proposals-public-reason = Motivo público
proposals-moderation-reason-hint = Se publica en la página de la propuesta. El texto queda en el registro de auditoría.
proposals-moderation-show = Volver a mostrar el texto
proposals-moderation-hide = Ocultar el texto
proposals-changes-title = Pedir cambios al autor o autora
proposals-changes-reason = Qué debería cambiar
proposals-changes-reason-hint = Se publica en el historial de la propuesta; después su autor podrá editarla.
proposals-changes-submit = Pedir cambios
proposals-merge-title = Fusionar una propuesta duplicada
proposals-merge-into = Fusionar esta propuesta con la propuesta número
proposals-merge-reason = Por qué son la misma
proposals-merge-reason-hint = Se publica en las dos propuestas. Se reconoce la autoría de ambas personas.
proposals-merge-submit = Fusionar
proposals-review-title = Revisión
proposals-review-decision = Decisión
proposals-review-feasible = Viable: incluirla en la papeleta
proposals-review-infeasible = No viable
proposals-review-cost-hint = Déjalo vacío para mantener la estimación.
proposals-review-reason-hint = Se publica junto con la decisión.
proposals-review-submit = Registrar la decisión

# Mensajes tras una acción sobre una propuesta
proposals-done-submitted = Tu propuesta se ha presentado. Puedes editarla o retirarla hasta que empiece la revisión.
proposals-done-saved = Tus cambios se han guardado.
proposals-done-withdrawn = La propuesta se ha retirado.
proposals-done-reviewed = La decisión se ha registrado y publicado.
proposals-done-supported = Gracias: tu apoyo se ha contado.
proposals-done-unsupported = Has retirado tu apoyo.
proposals-done-flagged = Gracias: la moderación revisará esta propuesta.
proposals-done-hidden = El texto de la propuesta se ha ocultado y tu motivo se ha publicado.
proposals-done-shown = El texto de la propuesta vuelve a mostrarse.
proposals-done-merged = La propuesta se ha fusionado; se reconoce la autoría de ambas personas en la otra.
proposals-done-changes = Se han pedido cambios a su autor; ya puede editar la propuesta.
proposals-done-image = La imagen se ha guardado.

# Propuestas denunciadas (moderación)
proposals-flags-title = Propuestas denunciadas: { $round }
proposals-flags-none = Nadie ha denunciado ninguna propuesta en esta convocatoria.
proposals-flags-reports =
    { $count ->
        [one] { $n } denuncia
       *[other] { $n } denuncias
    }
proposals-flags-hidden = oculta
proposals-back-to-round = Volver a la convocatoria

# Rechazos que se muestran en la página de error
proposals-error-not-author = solo su autor o autora puede cambiar esta propuesta
proposals-error-hide-or-show = elige ocultar o mostrar la propuesta
proposals-cannot-yet = Todavía no puedes presentar una propuesta en esta votación
proposals-cannot-yet-account = Completa tu cuenta
proposals-cannot-yet-round = Volver a la votación
proposals-hidden-title = Ocultada por la moderación
proposals-withdraw-confirm-title = ¿Retirar esta propuesta?
proposals-withdraw-confirm-text = Sale de la votación para siempre: no se puede deshacer y se pierden sus apoyos. Su página se mantiene, marcada como retirada.
proposals-withdraw-confirm-yes = Sí, retirarla
proposals-withdraw-confirm-no = No, mantenerla
