# La papeleta
ballots-vote-title = Votar: { $title }
# Estos dos forman una frase alrededor del nombre del distrito: "Tu papeleta para <distrito> (y los proyectos de toda la ciudad)."
ballots-district-before = Tu papeleta para
ballots-district-after = (y los proyectos de toda la ciudad).
ballots-budget = Presupuesto:
ballots-projects = Proyectos
ballots-instructions-approval-range = Marca entre { $min } y { $count } proyectos que quieras financiar.
ballots-instructions-approval-min = { $count ->
        [one] Marca al menos { $count } proyecto que quieras financiar.
       *[other] Marca al menos { $count } proyectos que quieras financiar.
    }
ballots-instructions-knapsack = Marca los proyectos que quieras financiar. Su coste total tiene que caber en el presupuesto indicado.
ballots-instructions-ranked = { $count ->
        [one] Da el puesto 1 a tu proyecto favorito, el 2 al siguiente, y así sucesivamente (hasta { $count } proyecto).
       *[other] Da el puesto 1 a tu proyecto favorito, el 2 al siguiente, y así sucesivamente (hasta { $count } proyectos).
    }
ballots-instructions-cumulative = { $count ->
        [one] Reparte hasta { $count } punto entre los proyectos que te gusten.
       *[other] Reparte hasta { $count } puntos entre los proyectos que te gusten.
    }
ballots-instructions-cumulative-max = { $count ->
        [one] Reparte hasta { $count } punto entre los proyectos que te gusten, como mucho { $max } en un mismo proyecto.
       *[other] Reparte hasta { $count } puntos entre los proyectos que te gusten, como mucho { $max } en un mismo proyecto.
    }
ballots-not-ranked = Sin puesto
ballots-rank = Puesto { $rank }
ballots-review-button = Revisar mi papeleta

# Problemas con una papeleta; empiezan en minúscula (la página pone la mayúscula)
ballots-error-not-project = `{ $value }` no es un proyecto
ballots-error-not-rank = `{ $value }` no es un puesto
ballots-error-rank-twice = hay dos proyectos con el puesto { $rank }; usa cada puesto una sola vez
ballots-error-rank-gap = los puestos deben ser 1, 2, 3… sin saltos; falta el puesto { $rank }
ballots-error-not-points = `{ $value }` no es un número entero de puntos
ballots-error-voting-closed = la votación no está abierta en esta convocatoria
ballots-error-code-invalid = este código de votación no es válido para esta convocatoria
ballots-error-code-used = este código de votación ya se ha usado; cada código sirve para votar una sola vez
ballots-error-already-voted = ya has votado en esta convocatoria; cada persona vota una sola vez

# Revisar la papeleta antes de emitirla
ballots-review-title = Revisa tu papeleta: { $title }
ballots-review-heading = Revisa tu papeleta
ballots-review-lead = Todavía no se ha registrado nada. Revisa lo que has elegido y después emite tu voto. Luego no podrás cambiarlo.
# Estos dos forman una frase: "Total: <importe> de <presupuesto>"
ballots-review-total = Total:
ballots-review-total-of = de
ballots-review-points = { $count ->
        [one] { $title }: { $points } punto
       *[other] { $title }: { $points } puntos
    }
ballots-cast-button = Emitir mi voto
ballots-change-button = Cambiar lo que he elegido

# El justificante
ballots-receipt-title = Tu voto se ha registrado
ballots-receipt-heading = Gracias, tu voto se ha registrado
ballots-receipt-code-intro = Tu código de seguimiento, que solo se muestra ahora:
ballots-receipt-keep = Apúntalo o descárgalo. Con él puedes comprobar en el tablón público que tu papeleta se ha contado, sin cambios. No dice quién eres.
ballots-receipt-download = Descargar el justificante
ballots-receipt-see-board = Ver el tablón público
# El justificante descargado, un archivo de texto
ballots-receipt-file-heading = Justificante de voto de budgetbox
ballots-receipt-file-code = Código de seguimiento: { $code }
ballots-receipt-file-check = Comprueba que tu papeleta se ha contado: abre el tablón público de la convocatoria e introduce este código.
ballots-receipt-file-private = El código no te identifica; guárdalo para ti si no quieres que otras personas vean lo que has votado.

# La encuesta anónima
ballots-survey-heading-optional = Cuéntanos qué tal ha ido (opcional)
ballots-survey-anonymous = Tus respuestas son anónimas: se guardan sin tu nombre, sin tu cuenta y sin tu papeleta, y de la fecha solo se conserva el día.
ballots-survey-ease = ¿Te ha resultado fácil votar?
ballots-ease-1 = Muy difícil
ballots-ease-2 = Difícil
ballots-ease-3 = Ni fácil ni difícil
ballots-ease-4 = Fácil
ballots-ease-5 = Muy fácil
ballots-survey-found = ¿Has encontrado la información que necesitabas?
ballots-found-yes = Sí
ballots-found-partly = En parte
ballots-found-no = No
ballots-survey-comment = ¿Quieres decirle algo más al ayuntamiento?
ballots-survey-comment-hint = Hasta { $max } caracteres. Por favor, no incluyas tu nombre ni tus datos de contacto.
ballots-survey-send = Enviar de forma anónima
ballots-survey-title = Cuéntanos qué tal ha ido
ballots-survey-thanks-title = Gracias por tu opinión
ballots-survey-thanks-heading = Gracias
ballots-survey-thanks-text = Tus respuestas ayudan al ayuntamiento a que sea más fácil participar en la próxima convocatoria.
ballots-back-to-round = Volver a la convocatoria

# Lo que opinan los votantes (ayuntamiento y auditoría)
ballots-feedback-title = Opinión de los votantes: { $title }
ballots-feedback-responses = Respuestas anónimas: { $count }.
ballots-feedback-average = Facilidad media: { $average } sobre 5.
ballots-feedback-answer = Respuesta
ballots-feedback-people = Personas
ballots-feedback-comments = Comentarios
ballots-feedback-no-comments = No hay comentarios.

# Antes de votar: iniciar sesión o usar un código de votación
ballots-log-in-to-vote = Inicia sesión para votar
ballots-code-heading = Votar con un código de votación
ballots-code-text = Si la ciudad te ha enviado un código de votación, puedes votar con él sin tener cuenta.
ballots-code-label = Código de votación
ballots-code-hint = Por ejemplo, ABCD-EFGH-JKLM-NPQR.
ballots-code-continue = Continuar

# Votar dos veces
ballots-already-voted-title = Ya has votado
ballots-already-voted-text = Tu papeleta en { $title } está registrada, y cada persona vota una sola vez. Gracias por participar.
# Estos tres forman una frase: "Para comprobar que se ha contado, usa tu código de seguimiento en el <tablón público>."
ballots-already-voted-check-before = Para comprobar que se ha contado, usa tu código de seguimiento en el
ballots-already-voted-check-link = tablón público
ballots-already-voted-check-after = { "." }

# El tablón público
ballots-board-title = Tablón público: { $title }
# Estos dos forman una frase alrededor del hash: "… La cabeza de la cadena es <hash>."
ballots-board-lead = Todas las papeletas, en el orden en que se emitieron, cada una sellada con el hash de la anterior. La cabeza de la cadena es
ballots-board-lead-after = { "." }
ballots-check-heading = Comprueba tu papeleta
ballots-tracking-code = Código de seguimiento
ballots-check-button = Comprobar
ballots-board-entries = Entradas
ballots-board-page = Página { $page } de { $pages }
ballots-board-ballot = Papeleta
ballots-board-day = Día
ballots-board-entry-hash = Hash de la entrada
ballots-board-pages = Páginas
# Estos tres forman una frase: "Para programas: <toda la cadena en JSON>."
ballots-board-json-before = Para programas:
ballots-board-json-link = toda la cadena en JSON
ballots-board-json-after = { "." }

# Comprobar un código de seguimiento
# Estos dos forman una frase: "<Tu papeleta está en el tablón público> como entrada 12 de la convocatoria 3."
ballots-inclusion-found = Tu papeleta está en el tablón público
ballots-inclusion-entry = como entrada { $entry } de la convocatoria { $round }.
ballots-inclusion-reads = Contenido:
# Estos dos forman una frase: "<Volviste a votar:> esta papeleta se sustituyó…"
ballots-inclusion-voted-again = Volviste a votar:
ballots-inclusion-replaced = esta papeleta se sustituyó por la entrada { $entry } y no cuenta; cuenta la posterior.
# Forman una frase: "Hash de la entrada <hash>; cadena intacta."
ballots-inclusion-hash = Hash de la entrada
ballots-chain-intact = cadena intacta
ballots-chain-broken = cadena ROTA: comunícalo al ayuntamiento
ballots-not-found = Ninguna papeleta tiene este código de seguimiento. Revísalo letra por letra; los códigos no usan 0, O, 1, I ni L.
ballots-board-sealed = sellada hasta el recuento
ballots-inclusion-sealed = Su contenido está sellado hasta el recuento, para que nadie pueda contar votos mientras se vota; vuelve a comprobarlo después del recuento para verlo.
ballots-board-sealed-note = Mientras la votación está abierta, cada entrada guarda un resumen con sal de su papeleta en lugar de la papeleta, para que nadie pueda contar votos antes del final; las papeletas y sus sales se publican en el recuento, y entonces cualquiera puede comprobar cada resumen.
ballots-choose-district-legend = Tu distrito
ballots-choose-district-text = Cada distrito vota sus propios proyectos. Elige el distrito en el que vives para ver su papeleta.
ballots-review-lead-last-counts = Todavía no se ha registrado nada. Revisa tus opciones y emite tu voto. Puedes volver a votar hasta el cierre de la votación: solo cuenta tu último voto.
ballots-last-counts = En esta votación puedes volver a votar hasta el cierre: solo cuenta tu último voto, que sustituye a cualquier voto anterior.
ballots-not-yet-where = Dónde resolverlo
ballots-not-yet-round = La página de la votación: quién puede votar y la comprobación del padrón
ballots-not-yet-account = Tu cuenta: distrito, año de nacimiento, confirmación de la dirección
ballots-words-empty = ningún proyecto
ballots-meter-spent = Elegido:
ballots-meter-left = queda:
ballots-meter-over = por encima del presupuesto en
ballots-tree-included = Está en la cabecera firmada del tablón, de { $size } entradas, del { $date }, cuya raíz es
ballots-tree-check = Comprobar la prueba en este navegador
ballots-tree-check-ok = Comprobado: el camino desde tu entrada lleva a la raíz de la cabecera firmada.
ballots-tree-check-failed = El camino desde tu entrada no lleva a la raíz de la cabecera firmada. Avisa al ayuntamiento y guarda tu código de seguimiento.
ballots-tree-offline = Para comprobarlo tú mismo, firma incluida: guarda lo que responde /api/v1/receipts/ con tu código de seguimiento y ejecuta budgetbox verify --receipt ARCHIVO --public-key con la clave de /api/v1/audit-key.
ballots-tree-pending = Una cabecera firmada incluye los votos nuevos en pocos segundos; vuelve a cargar esta página para ver la prueba de que incluye el tuyo.
