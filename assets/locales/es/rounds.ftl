# Estados de los proyectos y tipos de papeleta, tal como los muestra la página de la convocatoria
rounds-status-submitted = presentado
rounds-status-feasible = viable
rounds-status-infeasible = no viable
rounds-status-withdrawn = retirado
rounds-ballot-approval = Marca todos los proyectos que apoyes
rounds-ballot-knapsack = Elige proyectos hasta agotar el presupuesto de tu distrito
rounds-ballot-ranked = Ordena los proyectos que más te gustan
rounds-ballot-cumulative = Reparte tus puntos entre los proyectos que te gusten
rounds-citywide = Toda la ciudad

# La página de la convocatoria
rounds-vote-now = Vota ahora
rounds-all-proposals = Todas las propuestas, con las decisiones de la revisión
rounds-staff-nav = Personal municipal
rounds-staff-heading = Para el personal municipal
rounds-staff-checks = Confirmar votantes en persona
rounds-staff-flags = Propuestas denunciadas
rounds-staff-paper = Introducir papeletas en papel
rounds-staff-manage = Gestionar esta convocatoria
rounds-staff-feedback = Lo que dijeron los votantes en la encuesta
rounds-staff-statistics = Quién ha participado (hasta ahora)
rounds-staff-implementation = Registrar qué ha pasado con los proyectos financiados
rounds-bulletin-link = Tablón público: todas las papeletas, y comprueba la tuya
rounds-fact-budget = Presupuesto total
rounds-fact-ballot = Papeleta
rounds-fact-proposals-open = Apertura de propuestas
rounds-fact-voting-opens = Apertura de la votación
rounds-fact-voting-closes = Cierre de la votación
rounds-fact-rule = Regla de recuento
# Entre paréntesis tras el código de la regla: "(desempate: <regla>)"
rounds-fact-ties = desempate:
rounds-districts = Distritos
rounds-districts-caption = Presupuesto por distrito
rounds-col-district = Distrito
rounds-col-budget = Presupuesto
rounds-projects = Proyectos
rounds-projects-none = Todavía no se ha propuesto ningún proyecto.
rounds-projects-caption = { $count ->
        [one] { $number } proyecto en la papeleta
       *[other] { $number } proyectos en la papeleta
    }
rounds-projects-feasible-caption = { $count ->
        [one] { $number } proyecto viable hasta ahora
       *[other] { $number } proyectos viables hasta ahora
    }
rounds-projects-count = { $count ->
        [one] Una propuesta en total.
       *[other] { $number } propuestas en total.
    }
rounds-projects-list-link = Todas las propuestas y en qué punto están
rounds-col-project = Proyecto
rounds-col-cost = Coste
rounds-col-status = Estado
rounds-project-funded = financiado
rounds-project-not-funded = no financiado

# Quién puede votar
rounds-census-matched = Te hemos encontrado en el padrón.
rounds-who-can-vote = Quién puede votar
rounds-rule-min-age = { $count ->
        [one] Tienes que tener al menos { $count } año.
       *[other] Tienes que tener al menos { $count } años.
    }
rounds-rule-self-declared = Votas los proyectos del distrito en el que vives.
rounds-rule-verified = Votas en el distrito en el que la ciudad ha confirmado que vives.
rounds-rule-census = Tienes que estar en el padrón municipal (se te pedirá un número de documento y tu año de nacimiento).
rounds-rule-manual-check = Una persona del ayuntamiento tiene que confirmar quién eres, en persona.
rounds-rule-anyone = Puede votar cualquier persona que tenga cuenta.
# Estos dos forman una frase: "<Inicia sesión> para ver si puedes votar."
rounds-log-in-link = Inicia sesión
rounds-log-in-after = para ver si puedes votar.
rounds-can-vote = Puedes votar en esta convocatoria.
rounds-cannot-vote = Todavía no puedes votar.
rounds-missing = Esto es lo que falta:
rounds-requirement-met = Cumplido:
rounds-requirement-not-yet = Pendiente:
rounds-census-heading = Búscate en el padrón
rounds-census-document = Número del documento de identidad
rounds-census-document-hint = Tal como aparece en tu DNI o tarjeta de residencia. Comparamos una huella irreversible del número; el número en sí no se guarda.
rounds-census-birth-year = Año de nacimiento
rounds-census-check = Comprobar
rounds-census-error-birth-year = Escribe tu año de nacimiento, por ejemplo 1975.
rounds-census-error-document = Escribe el número de tu documento de identidad.
rounds-census-error-not-found = No hemos encontrado estos datos en el padrón. Revisa el número de documento y el año de nacimiento.

# Resultados
rounds-results-heading = Resultados
rounds-results-counted = { $count ->
        [one] { $ballots } papeleta contada: { $online } en línea con cuenta, { $paper } en papel y { $codes } con código de votación.
       *[other] { $ballots } papeletas contadas: { $online } en línea con cuenta, { $paper } en papel y { $codes } con código de votación.
    }
rounds-results-turnout = { $count ->
        [one] Participación: { $voters } de { $eligible } persona del padrón ({ $percent } %).
       *[other] Participación: { $voters } de { $eligible } personas del padrón ({ $percent } %).
    }
# Forman una frase: "Presupuesto <importe>, gastado <importe> (regla <regla>, desempate <regla>)."
rounds-pot-budget = Presupuesto
rounds-pot-spent = , gastado
rounds-pot-rule = regla
rounds-pot-ties = desempate
rounds-chart-label = Votos por proyecto; los proyectos financiados aparecen en color sólido y marcados como financiados
rounds-chart-funded = financiado
rounds-chart-caption = Votos por proyecto. Por encima de la línea discontinua: financiados.
rounds-results-caption = Todos los proyectos, primero los financiados en el orden en que se eligieron
rounds-col-votes = Votos
rounds-col-outcome = Resultado
# Antes del motivo por el que se financió un proyecto: "Financiado. <motivo>"
rounds-funded = Financiado

# Después de la votación
rounds-after-heading = Después de la votación
# Cada enlace y el texto que lo sigue forman una frase: "<Qué ha pasado con mi voto>: los proyectos financiados, …"
rounds-after-implementation-link = Qué ha pasado con mi voto
rounds-after-implementation-text = : los proyectos financiados, cuánto ha avanzado cada uno y los proyectos de tu papeleta
rounds-after-statistics-link = Quién ha participado
rounds-after-statistics-text = : votantes y propuestas por distrito, género y edad
rounds-open-data = Datos abiertos
# Forman una frase: "Descarga los proyectos, los votos y el resultado: CSV, JSON y cada partida como archivo Pabulib: <partidas>"
rounds-open-data-intro = Descarga los proyectos, los votos y el resultado:
rounds-open-data-pabulib = { " " }y cada partida como archivo Pabulib:
rounds-open-data-citywide = toda la ciudad
rounds-verify-heading = Verificar el recuento
# Estos dos forman una frase: "El resultado se contó sobre el tablón público cuya cabeza de la cadena es <hash>."
rounds-verify-chain = El resultado se contó sobre el tablón público cuya cabeza de la cadena es
rounds-verify-chain-after = { "." }
# Estos cinco forman una frase: "Cualquiera puede volver a contarlo: descarga el <paquete de auditoría> firmado y sigue <cómo verificar un recuento>."
rounds-verify-recount = Cualquiera puede volver a contarlo: descarga el
rounds-verify-audit-link = paquete de auditoría
rounds-verify-recount-middle = firmado y sigue los pasos de
rounds-verify-how-link = cómo verificar un recuento
rounds-verify-recount-after = { "." }
rounds-change-log = Registro de cambios

# Cómo verificar un recuento
rounds-verify-title = Cómo verificar un recuento
rounds-verify-lead = No tienes que fiarte de este servidor. Cada convocatoria contada tiene un paquete de auditoría: sus reglas, cada cambio que se les hizo, cada papeleta del tablón público y el resultado guardado, firmado por esta instalación.
rounds-verify-key-heading = La clave de firma de esta instalación
rounds-verify-key-text = Los paquetes de auditoría se firman con la clave Ed25519 cuya mitad pública es:
rounds-verify-steps = Pasos
rounds-verify-step-download = En la página de una convocatoria, cuando se publiquen sus resultados, descarga el paquete de auditoría (un archivo tar).
rounds-verify-step-program = Compruébalo y vuelve a contarlo con el programa budgetbox, que no necesita base de datos:
# Estos dos forman una frase alrededor de la palabra OK: "Muestra OK y los proyectos financiados, …"
rounds-verify-step-prints = Muestra
rounds-verify-step-prints-after = y los proyectos financiados, o cada papeleta y cada proyecto que no coincidan.
# Estos tres forman una frase alrededor de dos órdenes: "O compruébalo con otras herramientas: sha256sum -c MANIFEST comprueba cada archivo, y la carpeta pots contiene …"
rounds-verify-step-tools = O compruébalo con otras herramientas:
rounds-verify-step-tools-middle = comprueba cada archivo, y la carpeta
rounds-verify-step-tools-after = contiene las papeletas como archivos Pabulib, que leen otros programas de recuento (como pabutools).
rounds-verify-step-own-code = Busca tu propio código de seguimiento en el tablón público de la convocatoria para ver que tu papeleta está en el paquete, sin cambios.
rounds-rule-verified-email = La dirección de correo de tu cuenta debe estar verificada: sigue el enlace del mensaje que recibiste al registrarte.
rounds-rule-codes-only = Se vota con el código de un solo uso de la carta que te envió el ayuntamiento; no hace falta cuenta.
rounds-rule-voting-codes-census = También puedes votar con el código de un solo uso de la carta que te envió el ayuntamiento, en lugar de con una cuenta: una papeleta por persona, uses lo que uses primero.
rounds-ranked-per-pot = Tu clasificación se cuenta en cada presupuesto por separado: entre los proyectos de toda la ciudad, el que pusiste más arriba recibe los puntos del primer puesto, el siguiente los del segundo, y así sucesivamente; lo mismo entre los proyectos de tu distrito.
rounds-rule-identity-provider = Verificado por el servicio de identidad de la ciudad: inicia sesión con él para votar.
