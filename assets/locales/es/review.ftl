# Confirmar votantes en persona (equipo de revisión)
review-confirm-title = Confirmar votantes: { $round }
review-confirm-text = Confirma a una persona después de comprobar en persona un documento de identidad. La confirmación queda registrada con tu cuenta.
review-confirm-email = Correo electrónico de la cuenta de la persona
review-confirm-district = Distrito donde vive
review-confirm-district-hint = Comprobado con un documento que muestre su dirección.
review-confirm-submit = Confirmar a esta persona
review-confirm-no-account = No hay ninguna cuenta con este correo; pide a la persona que se registre primero o dale un código de votación.
review-confirm-bad-district = Elige un distrito de esta convocatoria.
review-confirmed = { $name } queda confirmado o confirmada para esta convocatoria.

# Introducir papeletas en papel (dos personas)
review-paper-title = Introducir papeletas en papel: { $round }
review-paper-text = Cada papeleta en papel la introducen dos personas del personal municipal. Cuenta cuando la segunda entrada coincide con la primera; si no coinciden, se descartan las dos.
review-paper-email = Correo electrónico de la cuenta de quien vota
review-paper-show = Mostrar la papeleta de esta persona
review-paper-no-account = No hay ninguna cuenta con este correo.
review-paper-enter = Introducir esta papeleta en papel
review-paper-first-entry = Primera entrada registrada. Ahora otra persona debe introducir la misma papeleta.
review-paper-cast = Las dos entradas coinciden: la papeleta está emitida. Código de seguimiento para quien vota: { $code }
review-paper-mismatch = Las dos entradas no coinciden, así que se han descartado ambas. Revisa la papeleta en papel e introdúcela otra vez dos veces.

# Rechazos que se muestran en la página de error
review-error-no-account = no hay ninguna cuenta con este correo
review-confirm-document = Número del documento de identidad que has comprobado
review-confirm-document-hint = Se guarda solo como un resumen con clave para esta votación, para avisarte si esta persona ya ha votado, con la cuenta que sea.
review-confirmed-already-voted = { $name } queda confirmado para esta votación. Esta persona ya ha votado: una nueva papeleta sustituirá a la anterior.
