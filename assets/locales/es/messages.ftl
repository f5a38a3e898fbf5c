# Messages from the rules: why a form or request was refused
messages-account-enter-name-other-people = Escribe el nombre que verán las demás personas.
messages-account-use-most-80-characters = Usa como máximo 80 caracteres para tu nombre.
messages-account-enter-email-address-name = Escribe una dirección de correo electrónico como name@example.org.
messages-account-choose-options-leave-empty = Elige una de las opciones o déjalo vacío.
messages-account-choose-district-list-leave = Elige tu distrito de la lista o déjalo vacío.
messages-account-not-current-password = Esta no es tu contraseña actual.
messages-account-not-password = Esta no es tu contraseña.
messages-proposal-give-proposal-title-least = Ponle a tu propuesta un título de al menos 5 caracteres.
messages-proposal-describe-project-least-20 = Describe el proyecto en al menos 20 caracteres: qué, dónde y para quién.
messages-proposal-enter-estimated-cost-above = Indica un coste estimado mayor que cero.
messages-proposal-cost-far-above-whole = Este coste supera con mucho el presupuesto total de la convocatoria; revisa la cifra.
messages-proposal-choose-round-s-districts = Elige uno de los distritos de esta convocatoria, o toda la ciudad.
messages-proposal-round-has-no-city = Esta convocatoria no tiene presupuesto para toda la ciudad: elige un distrito.
messages-proposal-choose-round-s-categories = Elige una de las categorías de la convocatoria, o ninguna.
messages-proposal-keep-location-200-characters = Usa como máximo 200 caracteres para el lugar.
messages-proposal-give-public-reason-decision = Indica el motivo público de esta decisión.
messages-proposal-enter-validated-cost-amount = Indica el coste validado como un importe mayor que cero, o déjalo vacío para mantener el coste estimado.
messages-proposal-choose-feasible-not-feasible = Elige viable o no viable.
messages-proposal-choose-statuses-list = Elige uno de los estados de la lista.
messages-proposal-choose-orders-list = Elige un orden de la lista.
messages-proposal-pages-are-numbered-1 = Las páginas se numeran a partir del 1.
messages-proposal-say-5-500-characters = Explica qué problema hay (de 5 a 500 caracteres).
messages-proposal-choose-another-proposal-merge = Elige otra propuesta con la que fusionar esta.
messages-proposal-give-number-proposal-same = Indica el número de una propuesta de la misma convocatoria.
messages-proposal-file-not-jpeg-png = Este archivo no es una imagen JPEG, PNG o WebP.
messages-survey-choose-five-answers = Elige una de las cinco respuestas.
messages-survey-choose-yes-partly-no = Elige sí, en parte o no.
messages-survey-answer-least-question-just = Responde al menos a una pregunta, o simplemente cierra esta página.
messages-progress-choose-project-s-status = Elige el estado del proyecto.
messages-progress-give-whole-number-0 = Indica un número entero del 0 al 100.
messages-progress-completed-project-100-done = Un proyecto terminado tiene que estar al 100 %.
messages-progress-give-date-yyyy-mm = Indica la fecha como AAAA-MM-DD, por ejemplo 2026-05-31.
messages-progress-date-cannot-future = La fecha no puede ser futura.
messages-round-enter-date-time-2026 = Indica una fecha y hora como 2026-09-01T09:00, tal como la marcan los relojes en la zona horaria de la convocatoria.
messages-round-give-round-title-3 = Ponle a la convocatoria un título de 3 a 200 caracteres.
messages-round-keep-description-under-20 = La descripción debe tener menos de 20.000 caracteres.
messages-round-use-three-letter-currency = Usa un código de moneda de tres letras, como EUR o PLN.
messages-round-each-district-may-appear = Cada distrito solo puede aparecer una vez.
messages-round-district-budgets-city-wide = Los presupuestos de los distritos y la partida para toda la ciudad suman más que el presupuesto total.
messages-round-choose-ballot-type = Elige un tipo de papeleta.
messages-round-ballot-must-choose-least = En cada papeleta hay que elegir al menos un proyecto.
messages-round-maximum-cannot-below-minimum = El máximo no puede ser menor que el mínimo.
messages-round-say-how-many-points = Indica cuántos puntos reparte cada votante (al menos 1).
messages-round-points-per-project-must = Los puntos por proyecto deben estar entre 1 y los puntos por votante.
messages-round-phragmen-needs-approval = El método Phragmén secuencial necesita papeletas de aprobación o de mochila.
messages-round-choose-counting-rule-list = Elige una regla de recuento de la lista.
messages-round-phases-must-follow-each = Las fases deben ir en este orden: propuestas, después revisión y después votación.
messages-round-voting-must-close-after = La votación debe cerrarse después de abrirse.
messages-round-minimum-age-above-120 = Una edad mínima de más de 120 años dejaría fuera a todo el mundo.
messages-round-enter-reference-date-2026 = Indica la fecha en la que se calcula la edad, por ejemplo 2026-09-01.
messages-round-choose-whether-ballot-final = Elige si la papeleta es definitiva o si cuenta la última.
messages-round-choose-how-voter-s = Elige cómo se decide el distrito de quien vota.
messages-round-time-skipped = En { $zone } los relojes se saltan esta hora al cambiar; elige otra hora.
messages-round-frozen = La votación ya se ha abierto: las reglas de la papeleta, quién puede votar, los distritos, los proyectos, los costes y la regla de recuento ya no pueden cambiar. Solo se puede ampliar la fecha de cierre.
messages-round-enter-time-zone-europe = Indica una zona horaria de la base de datos tz, como Europe/Madrid.
messages-round-give-whole-number-proposals = Indica un número entero de propuestas por persona, del 1 al 100.
messages-round-threshold-needs-supports-switched = Para fijar un mínimo de apoyos, hay que activar los apoyos.
messages-round-give-supports-needed-whole = Indica los apoyos necesarios como un número entero del 1 al 100000, o déjalo vacío.
messages-round-say-why-closing-date = Explica por qué se amplía la fecha de cierre; el motivo se publica.
messages-round-say-why-phase-changes = Explica por qué se adelanta el cambio de fase; el motivo se publica.
messages-translation-give-translated-title-empty = Indica el título traducido (o deja vacíos los dos campos para quitar la traducción).
messages-proposal-title-too-long = Acorta el título a { $max } caracteres (ahora tiene { $now }).
messages-proposal-description-too-long = Acorta la descripción a { $max } caracteres (ahora tiene { $now }).
messages-translation-title-too-long = El título puede tener como máximo { $max } caracteres.
messages-translation-description-too-long = La descripción puede tener como máximo { $max } caracteres.
messages-survey-comment-too-long = El comentario puede tener como máximo { $max } caracteres.
messages-progress-note-too-long = La nota puede tener como máximo { $max } caracteres.
messages-progress-date-before-result = La fecha no puede ser anterior a la de los resultados ({ $date }).
messages-account-birth-year-range = Indica un año entre { $from } y { $to }, o déjalo vacío.
messages-password-too-short = Usa al menos { $min } caracteres; unas cuantas palabras sin relación entre sí funcionan bien.
messages-password-too-long = Usa como máximo { $max } caracteres.
messages-password-common = Esta contraseña es una de las más comunes y es fácil de adivinar; elige otra.
messages-password-is-email = No uses tu dirección de correo electrónico como contraseña.
messages-invalid-request = La solicitud no es válida.
messages-and-more = { $first } (otros problemas: { $count })

# Why a project was or was not funded (the count's explanation per project)
messages-result-funded = Financiado; antes de él quedaban { $left }.
messages-result-did-not-fit = No financiado: cuando llegó su turno solo quedaban { $left }.
messages-result-walk-stopped = No financiado: la financiación se detuvo en el proyecto { $project }, que no cabía.
messages-result-below-threshold = No financiado: no alcanzó el mínimo de { $threshold } votos.
messages-result-withdrawn = No financiado: retirado.
messages-result-mes-funded = Financiado por partes iguales: quienes lo apoyaron lo pagaron entre todos (apoyo efectivo { $support }).
messages-result-mes-unaffordable = No financiado: las partes de quienes lo apoyaron no alcanzaban para cubrirlo.
messages-result-filled-after-mes = Financiado con el dinero sobrante tras el reparto por partes iguales (antes de él quedaban { $left }).
messages-result-phragmen-funded = Financiado por la regla de Phragmén; antes de él quedaban { $left }.
messages-result-no-support = No financiado: nadie lo votó.

# Why a request was refused
messages-accounts-account-longer-exists = Esta cuenta ya no existe.
messages-ballots-choose-least-1-project = Elige al menos 1 proyecto.
messages-ballots-total-cost-too-large = El coste total es demasiado alto.
messages-ballots-too-many-points = Demasiados puntos.
messages-ballots-give-least-1-point = Da al menos 1 punto a algún proyecto.
messages-ballots-voting-open-round = La votación no está abierta en esta convocatoria.
messages-ballots-voting-closed-round = La votación de esta convocatoria ya se ha cerrado.
messages-ballots-voting-opened-yet-round = La votación de esta convocatoria todavía no se ha abierto.
messages-bulletin-ballot-tracking-code-check = Ninguna papeleta tiene este código de seguimiento; revísalo letra por letra.
messages-eligibility-line-1-header-must = línea 1: la cabecera debe nombrar las columnas document_number y birth_year (y, opcionalmente, district).
messages-eligibility-round-does-accept-voting = Esta convocatoria no acepta códigos de votación; actívalos primero en la configuración de la convocatoria, en «Quién puede votar».
messages-export-round-been-counted-yet = Los votos de esta convocatoria todavía no se han contado; haz primero el recuento.
messages-follow-up-there-project = Ese proyecto no existe.
messages-follow-up-round-been-counted-yet = Los votos de esta convocatoria todavía no se han contado, así que no hay ningún proyecto financiado.
messages-import-file-projects = El archivo no contiene ningún proyecto.

# Why a request was refused
messages-accounts-cannot-remove-own-council = No puedes quitarte tu propia función de ayuntamiento; pídeselo a otra persona del ayuntamiento.
messages-ballots-vote-own-district-ballot = Solo puedes votar en tu propio distrito; la papeleta indicaba otro.
messages-ballots-choose-district-vote-round = Elige el distrito en el que votas (uno de los distritos de esta convocatoria).
messages-ballots-already-voted-round-each = Ya has votado en esta convocatoria; cada persona vota una sola vez.
messages-ballots-person-already-voted-round = Esta persona ya ha votado en esta convocatoria.
messages-ballots-entered-ballot-already-second = Ya has introducido esta papeleta; para confirmarla, tiene que introducirla otra persona del personal municipal.
messages-counting-voting-still-open-round = La votación sigue abierta en esta convocatoria.
messages-counting-round-already-been-counted = Los votos de esta convocatoria ya se han contado.
messages-eligibility-these-details-already-linked = Estos datos ya están vinculados a otra cuenta. Si no fuiste tú, ponte en contacto con la oficina de participación del ayuntamiento.
messages-feedback-survey-link-valid-offered = Este enlace a la encuesta no es válido; la encuesta se ofrece una sola vez, justo después de votar.
messages-feedback-already-answered-survey-thank = Ya has respondido a la encuesta. ¡Gracias!
messages-follow-up-funded-projects-implementation-follow = Solo los proyectos financiados tienen seguimiento de su ejecución.
messages-proposals-proposals-submitted-while-round = Solo se pueden presentar propuestas mientras la convocatoria las está recogiendo.
messages-proposals-author-change-proposal = Solo quien presentó esta propuesta puede cambiarla.
messages-proposals-proposal-been-withdrawn = Esta propuesta se ha retirado.
messages-proposals-proposals-changed-until-review = Las propuestas solo se pueden cambiar hasta que empieza la revisión.
messages-proposals-proposals-reviewed-during-review = Las propuestas solo se revisan durante la fase de revisión.
messages-proposals-round-does-collect-supports = Esta convocatoria no recoge apoyos.
messages-proposals-proposals-supported-while-they = Las propuestas solo se pueden apoyar mientras se recogen.
messages-proposals-cannot-support-own-proposal = No puedes apoyar tu propia propuesta.
messages-proposals-already-support-proposal = Ya apoyas esta propuesta.
messages-proposals-supports-changed-while-proposals = Los apoyos solo se pueden cambiar mientras se recogen propuestas.
messages-proposals-do-support-proposal = No apoyas esta propuesta.
messages-proposals-already-reported-proposal-moderators = Ya has denunciado esta propuesta; la moderación la revisará.
messages-proposals-proposals-merged-sent-back = Las propuestas solo se pueden fusionar o devolver para cambios hasta que se abre la votación.
messages-proposals-changes-asked-proposals-awaiting = Solo se pueden pedir cambios en propuestas pendientes de revisión, durante la fase de revisión.
messages-proposals-picture-larger-than-5 = La imagen ocupa más de 5 MB.
messages-round-config-closing-date-extended-never = La fecha de cierre solo se puede ampliar, nunca adelantar.
messages-round-config-voting-already-closed-closing = La votación ya se ha cerrado; la fecha de cierre ya no se puede cambiar.
messages-round-config-count-ballots-before-publishing = Cuenta las papeletas antes de publicar los resultados.
messages-round-config-results-already-published-last = Los resultados ya están publicados; esta es la última fase.
messages-extractors-log-continue = Inicia sesión para continuar.
messages-extractors-form-too-large = El formulario es demasiado grande.
messages-extractors-form-could-read = No se ha podido leer el formulario.
messages-extractors-form-expired-did-come = Este formulario ha caducado o no procede de este sitio; vuelve atrás, recarga la página e inténtalo de nuevo.
messages-extractors-choose-file-upload = Elige un archivo para subir.
messages-middleware-requests-other-websites-cannot = Las solicitudes que llegan desde otros sitios web no pueden cambiar nada aquí.
messages-middleware-there-nothing-address = No hay nada en esta dirección.
messages-middleware-request-body-too-large = El cuerpo de la solicitud es demasiado grande.
messages-middleware-send-json-content-type = Envía JSON con Content-Type: application/json.
messages-ballots-log-vote = Inicia sesión para votar.
messages-proposals-proposal-picture = Esta propuesta no tiene imagen.
messages-ballots-send-exactly-projects-ranking = Envía exactamente uno de estos campos: `projects`, `ranking` o `points`.
messages-ballots-log-send-voting-code = Inicia sesión o envía un `voting_code`.
messages-ballots-two-entries-paper-ballot = Las dos entradas de esta papeleta en papel no coinciden y se han descartado ambas: revisa la papeleta en papel e introdúcela otra vez dos veces.
messages-results-open-data-round-published = Los datos abiertos de esta convocatoria se publican junto con sus resultados.
messages-results-round-been-counted-yet = Los votos de esta convocatoria todavía no se han contado.
messages-round-admin-census-file-must-utf = El archivo del padrón debe ser texto UTF-8.

# What is wrong with a ballot
messages-ballots-not-on-ballot = El proyecto { $project } no está en esta papeleta (no existe, se ha retirado, no es viable o es de otra convocatoria o de otro distrito).
messages-ballots-twice = El proyecto { $project } aparece más de una vez.
messages-ballots-too-few = Elige al menos { $min } { $min ->
        [one] proyecto
       *[other] proyectos
    }; esta papeleta tiene { $count }.
messages-ballots-too-many = Elige como máximo { $max } { $max ->
        [one] proyecto
       *[other] proyectos
    }; esta papeleta tiene { $count }.
messages-ballots-too-few-ranked = Da un puesto como mínimo a { $min } { $min ->
        [one] proyecto
       *[other] proyectos
    }; esta papeleta se lo da a { $count }.
messages-ballots-too-many-ranked = Da un puesto como máximo a { $max } { $max ->
        [one] proyecto
       *[other] proyectos
    }; esta papeleta se lo da a { $count }.
messages-ballots-over-budget = Los proyectos elegidos cuestan { $total } en total, más que el presupuesto de { $budget }.
messages-ballots-negative-points = Proyecto { $project }: los puntos no pueden ser negativos.
messages-ballots-points-cap = Proyecto { $project }: como máximo { $max } { $max ->
        [one] punto
       *[other] puntos
    } en un mismo proyecto.
messages-ballots-points-over = Has dado { $count } { $count ->
        [one] punto
       *[other] puntos
    }; tienes { $max } para repartir.
messages-ballots-wrong-kind-approval = Esta convocatoria usa papeletas de aprobación (una lista de proyectos).
messages-ballots-wrong-kind-knapsack = Esta convocatoria usa papeletas de mochila (una lista de proyectos).
messages-ballots-wrong-kind-ranked = Esta convocatoria usa papeletas por orden de preferencia (una clasificación de proyectos).
messages-ballots-wrong-kind-cumulative = Esta convocatoria usa papeletas de reparto de puntos (puntos por proyecto).
messages-ballots-code-unknown = Este código de votación no es válido para esta convocatoria.
messages-ballots-code-used = Este código de votación ya se ha usado, o la persona a la que se envió ya ha votado en esta votación; cada persona vota una vez.
messages-unavailable = El servicio no está disponible temporalmente; vuelve a intentarlo dentro de un minuto.
messages-internal = Algo ha ido mal por nuestra parte.

# Who may vote in a round, requirement by requirement
messages-eligibility-age-unknown = Para votar hay que tener al menos { $age } años en { $year }, y no sabemos tu año de nacimiento.
messages-eligibility-age-unknown-step = Añade tu año de nacimiento en la página de tu cuenta.
messages-eligibility-age-met = En { $year } tienes al menos { $age } años.
messages-eligibility-age-not-met = Para votar hay que tener al menos { $age } años en { $year }.
messages-eligibility-age-not-met-step = Podrás participar en una convocatoria posterior; mientras tanto, puedes seguir apoyando propuestas.
messages-eligibility-census-met = Te hemos encontrado en el padrón.
messages-eligibility-census-not-met = Esta convocatoria está abierta a las personas inscritas en el padrón, y todavía no te hemos encontrado en él.
messages-eligibility-census-step = Escribe tu número de documento y tu año de nacimiento en la comprobación del padrón para que te encontremos.
messages-eligibility-check-met = Una persona del ayuntamiento ha confirmado que puedes votar.
messages-eligibility-check-not-met = En esta convocatoria, una persona del ayuntamiento tiene que confirmar quién eres.
messages-eligibility-check-step = Acude a una oficina de atención a la ciudadanía con un documento de identidad.
messages-eligibility-district-verified = Votas en el distrito en el que la ciudad ha confirmado que vives.
messages-eligibility-district-verified-missing = Votas en el distrito en el que la ciudad ha confirmado que vives. No tenemos ningún distrito de esta convocatoria para ti.
messages-eligibility-district-verified-step = Búscate en el padrón o pide a una persona del ayuntamiento que confirme tu dirección.
messages-eligibility-district-declared = Votas en el distrito en el que vives.
messages-eligibility-district-declared-missing = Votas en el distrito en el que vives. No tenemos ningún distrito de esta convocatoria para ti.
messages-eligibility-district-declared-step = Elige tu distrito en la página de tu cuenta.

# Amounts and numbers typed into forms
messages-money-empty = Escribe un importe.
messages-money-not-amount = «{ $text }» no es un importe; escríbelo como 450000 o 450.000,50.
messages-money-too-large = Ese importe es demasiado grande.
messages-round-district-line = Distrito, línea { $line }: { $problem }
messages-round-district-line-form = Distrito, línea { $line }: escríbelo como nombre-del-distrito=importe, por ejemplo old-town=450000.
messages-round-count-min-choices = Escribe el mínimo como un número entero de 0 a 10000.
messages-round-count-max-choices = Escribe el máximo como un número entero de 0 a 10000.
messages-round-count-points-total = Escribe los puntos por votante como un número entero de 0 a 10000.
messages-round-count-points-per-project = Escribe los puntos por proyecto como un número entero de 0 a 10000.
messages-round-count-min-age = Escribe la edad mínima como un número entero de 0 a 10000.
messages-round-tie-break-problem = Desempate: { $problem }.

# What could not be found or read
messages-no-round = No existe la convocatoria { $id }.
messages-no-proposal = No existe la propuesta { $id }.
messages-proposal-merged-review-other = Esta propuesta se fusionó con la propuesta { $id }; revisa esa.
messages-proposal-already-merged = Esta propuesta ya se fusionó con la propuesta { $id }.
messages-field-twice = El campo `{ $field }` se envió más de una vez.
messages-file-too-large = El archivo ocupa más de { $megabytes } MB.
messages-round-choose-voting-channels = Elige cómo votan los vecinos: con una cuenta, con una cuenta o un código enviado por correo, o solo con un código.
messages-round-accounts-and-codes-need-census = Las cuentas y los códigos por correo a la vez necesitan el censo: los códigos se emiten a partir de él, así que quien vota con uno no puede votar con el otro. Exige el censo o deja votar solo con códigos.
messages-round-check-needs-accounts = Una comprobación en persona confirma una cuenta; una votación solo con códigos no puede exigirla.
messages-eligibility-census-already-voted = La persona a la que pertenecen estos datos ya ha votado en esta votación.
messages-codes-issue-from-census = Esta votación comprueba el censo o deja votar con una cuenta: emite sus códigos a partir del censo, para que cada código pertenezca a una persona y esa persona vote una vez (budgetbox codes generate --from-census FICHERO).
messages-codes-no-census = Importa primero el censo de la votación: los códigos del censo pertenecen a las personas que figuran en él.
messages-eligibility-codes-only = En esta votación se vota con los códigos enviados por correo a los vecinos, no con una cuenta.
messages-eligibility-codes-only-step = Introduce el código de tu carta en la página de la votación. Si no recibiste carta, pregunta al ayuntamiento.
messages-eligibility-check-needs-document = Introduce el número del documento de identidad que has visto (al menos 4 letras o cifras).
messages-eligibility-check-other-document = Esta cuenta ya se comprobó con otro documento de identidad en esta votación.
messages-eligibility-document-other-account = Este documento de identidad ya respalda otra cuenta en esta votación.
messages-counting-ballots-sealed-until-count = Las papeletas de esta votación están selladas hasta el recuento; antes no se muestra nada de ellas.
messages-proposal-picture-unreadable = No se puede leer esta imagen; puede estar dañada o ser demasiado grande (como mucho 10.000 píxeles por lado). Prueba con otro fichero.
messages-account-too-many-registrations = Se han registrado demasiadas cuentas desde esta conexión en la última hora; inténtalo más tarde o pregunta en el ayuntamiento.
messages-account-name-no-line-breaks = Escribe tu nombre en una línea, sin saltos de línea ni tabuladores.
messages-account-choose-language = Elige inglés (en), español (es) o polaco (pl).
messages-mail-already-verified = Tu dirección ya está verificada.
messages-mail-resend-wait = Se enviaron tres enlaces en la última hora; espera antes de pedir otro y mira en la carpeta de correo no deseado.
messages-mail-link-invalid = Este enlace no se puede usar: ya se usó, ha caducado o no se copió entero. Pide uno nuevo.
messages-eligibility-email-verified = Tu dirección de correo está verificada.
messages-eligibility-email-not-verified = Esta votación necesita una dirección de correo verificada, y la tuya aún no lo está.
messages-eligibility-email-verify-step = Sigue el enlace del mensaje que enviamos a tu dirección; en la página de tu cuenta puedes pedir uno nuevo.
messages-mail-reset-throttled = Se han pedido demasiados cambios de contraseña desde esta conexión; espera un rato.
messages-round-threshold-needed = Escribe el mínimo de votos (o puntos) que necesita un proyecto, un número entero mayor que 0.
messages-eligibility-district-on-ballot = Votas en el distrito donde vives: lo eliges en la papeleta.
messages-round-config-no-feasible-project = La votación no puede abrirse: todavía no hay ningún proyecto viable en esta votación. Revisa primero las propuestas; la papeleta estaría vacía.
messages-comments-sign-in = Inicia sesión para participar en la conversación.
messages-comments-proposal-closed = Esta propuesta no admite comentarios: se retiró o se ocultó.
messages-comments-closed-proposals-review = Los comentarios están abiertos mientras se recogen y revisan las propuestas; ahora están cerrados.
messages-comments-closed-proposals = Los comentarios solo están abiertos mientras se recogen propuestas; ahora están cerrados.
messages-comments-closed-until-results = Los comentarios están cerrados mientras la votación está abierta, para que nadie haga campaña junto a la papeleta; se abren de nuevo tras la votación.
messages-comments-closed-always = Los comentarios se abren cuando la ronda empieza a recoger propuestas.
messages-comments-never = Esta ronda no admite comentarios.
messages-comments-verify-email = Confirma tu dirección de correo para comentar: sigue el enlace que te enviamos o pide otro en la página de tu cuenta.
messages-comments-account-too-new = Las cuentas nuevas pueden comentar tras { $days } días: la tuya podrá a partir del { $date }.
messages-comments-no-comment = No existe el comentario { $id }.
messages-comments-empty = Escribe tu comentario.
messages-comments-too-long = Un comentario puede tener como máximo { $max } caracteres; este tiene { $count }.
messages-comments-no-parent = El comentario al que respondes no está en esta propuesta.
messages-comments-reply-to-reply = Las respuestas tienen un solo nivel: responde al comentario que abre el hilo.
messages-comments-parent-gone = Ese comentario se borró o se ocultó, así que no se puede responder.
messages-comments-slow-down = Puedes escribir { $count } comentarios cada { $minutes } minutos. Espera un poco e inténtalo de nuevo.
messages-comments-not-yours = Solo quien escribió un comentario puede cambiarlo o borrarlo.
messages-comments-gone = Este comentario se borró o se ocultó.
messages-comments-edit-too-late = Un comentario se puede editar durante { $minutes } minutos después de escribirlo; este ya no se puede cambiar.
messages-comments-already-reported = Ya has denunciado este comentario; el equipo de moderación lo revisará.
messages-comments-already-hidden = Este comentario ya está oculto.
messages-round-choose-comments = Elige cuándo pueden comentar los vecinos.
messages-round-comment-days = Indica un número entero de días de 0 a 3650.
messages-comments-moderators-only = Solo el equipo de moderación (revisión y ayuntamiento) puede ocultar comentarios.
messages-place-city-unknown = Esta ciudad aún no ha definido su área, así que una propuesta no puede llevar un lugar; descríbelo con palabras.
messages-place-outside-district = Este punto está fuera de { $district }: elige un punto dentro del distrito u otro distrito.
messages-place-outside-city = Este punto está fuera de la ciudad: elige un punto dentro de ella.
messages-place-box-corners = La esquina suroeste debe quedar al sur y al oeste de la esquina noreste.
messages-place-no-district = No existe el distrito { $district }.
messages-place-bad-boundary = El límite no se puede usar: { $why }.
messages-place-bad-line = Línea { $line }: { $why } No se ha cambiado nada.
messages-place-one-or-other = Elige un lugar de la lista o escribe coordenadas, no ambas cosas.
messages-place-bad-coordinates = Escribe latitud y longitud en grados, separadas por una coma, p. ej. 40.4168, -3.7038.
messages-place-no-such-place = Elige uno de los lugares de la lista.
