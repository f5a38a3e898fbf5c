# El marco de cada página
skip-to-content = Saltar al contenido principal
nav-main = Principal
nav-rounds = Presupuestos participativos
nav-open-data = API de datos abiertos
nav-manage-rounds = Gestionar convocatorias
nav-people = Personas y funciones
nav-audit-log = Registro de auditoría
nav-account = Cuenta ({ $name })
nav-log-out = Cerrar sesión
nav-log-in = Iniciar sesión
nav-register = Registrarse
nav-language = Idioma
footer = budgetbox — presupuestos participativos con un recuento abierto y verificable.

# La página de inicio
home-title = Presupuestos participativos
home-lead = Los vecinos proponen proyectos, los votan, y la ciudad financia los ganadores. Cada voto se cuenta a la vista de todos.
home-empty = Todavía no hay convocatorias.
home-budget = Presupuesto: { $amount }
home-voting = Votación: del { $from } al { $to }
home-over-time = La participación a lo largo del tiempo
home-verify = Cómo verificar un recuento

# Fases de una convocatoria
phase-draft = En preparación
phase-proposals = Recogida de propuestas
phase-review = Propuestas en revisión
phase-voting = Votación abierta
phase-counting = Recuento de votos
phase-results = Resultados publicados
phase-draft-now = El ayuntamiento está preparando esta convocatoria. Vuelve cuando se abran las propuestas.
phase-proposals-now = Presenta una idea para tu distrito o apoya las ideas de tus vecinos.
phase-review-now = La ciudad está comprobando la viabilidad y el coste de cada propuesta.
phase-voting-now = Las personas con derecho a voto pueden votar los proyectos que quieren financiar.
phase-counting-now = La votación ha terminado y se están contando las papeletas.
phase-results-now = Mira qué proyectos ganaron y cómo se contó cada voto.

# Forms and tables shared by every page
form-problem = Hay un problema
form-optional = (opcional)
form-error-prefix = Error:
changes-none = No se ha hecho ningún cambio en esta convocatoria.
changes-caption = Todos los cambios de esta convocatoria, del más antiguo al más reciente
changes-when = Cuándo
changes-what = Cambio
changes-why = Motivo

# Moving between pages of a long list
pages-previous = Página anterior
pages-of = Página { $page } de { $pages }
pages-next = Página siguiente
form-choose = Elige…
open-data-title = Datos abiertos
open-data-lead = Cada votación contada se publica completa para que cualquiera pueda recontarla con sus propias herramientas: los proyectos, cada voto (sin ningún nombre), el resultado con sus razones y un paquete firmado que prueba que nada se cambió.
open-data-files = Qué se publica
open-data-pb = Archivo Pabulib (.pb)
open-data-pb-text = La votación en el formato que usan los investigadores (pabulib.org): proyectos con sus costes y cada voto. Las herramientas de Pabulib y pabutools la cuentan.
open-data-csv = CSV
open-data-csv-text = Una fila por proyecto: distrito, coste, votos y si se financia, para una hoja de cálculo.
open-data-json = JSON
open-data-json-text = El resultado tal como lo guarda la plataforma: cada bolsa, su regla y desempate, y por qué cada proyecto se financió o no.
open-data-audit = Paquete de auditoría firmado
open-data-audit-text = Todo lo anterior con el tablón de votos y una firma; cualquiera puede comprobarlo sin conexión.
open-data-board = Tablón de votos
open-data-board-text = Cada voto como una entrada de una cadena de hashes, con el hash de su código de seguimiento: cada votante encuentra su voto y cualquiera comprueba la cadena.
open-data-rounds = Votaciones contadas
open-data-none = Ninguna votación ha publicado resultados todavía.
open-data-api = Para quien programa: la API
open-data-api-text = Los mismos datos en JSON por HTTP, sin cuenta para los datos públicos. El documento OpenAPI describe cada punto de acceso.
open-data-api-spec = Documento OpenAPI (openapi.json)
open-data-api-rounds = Todas las votaciones (JSON)
open-data-licence = Los votos no llevan nombre, ni hora, ni orden de votación; no se pueden vincular a una persona.
