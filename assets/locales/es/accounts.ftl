# Registro
accounts-register-title = Registrarse
accounts-register-heading = Crear una cuenta
accounts-name = Tu nombre
accounts-name-hint = Aparece junto a las propuestas que presentes.
accounts-email = Correo electrónico
accounts-email-hint = Lo usas para iniciar sesión. No se lo mostramos a nadie.
accounts-password = Contraseña
accounts-password-hint = Al menos 10 caracteres. Unas cuantas palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar.
accounts-about-you-optional = Sobre ti (opcional)
accounts-about-you-register-hint = Usamos estas respuestas solo para comprobar si puedes votar en una convocatoria (por ejemplo, la edad mínima o tu distrito) y para estadísticas anónimas sobre quién participa. Nunca se publican sobre ti.
accounts-gender = Género
accounts-gender-female = Mujer
accounts-gender-male = Hombre
accounts-gender-non-binary = No binario
accounts-gender-prefer-not-to-say = Prefiero no decirlo
accounts-birth-year = Año de nacimiento
accounts-birth-year-hint = Por ejemplo, 1975.
accounts-district = Distrito en el que vives
accounts-create-account = Crear cuenta
# Estos dos forman una frase: "¿Ya tienes cuenta? <Inicia sesión>."
accounts-already-registered = ¿Ya tienes cuenta?
# Título y encabezado de la página de inicio de sesión, y el enlace a ella.
accounts-log-in = Iniciar sesión

# Después de registrarse
accounts-registered-title = Registro recibido
accounts-registered-heading = Gracias
accounts-registered-lead = Si esta dirección era nueva para nosotros, tu cuenta está lista y ya puedes entrar. Te hemos enviado un enlace para confirmar tu dirección: en algunas votaciones solo puedes votar cuando está confirmada.
accounts-registered-existing = Si ya tenías una cuenta con esta dirección, le hemos enviado un mensaje: entra con tu contraseña o elige una nueva con el enlace de ese mensaje.

# Iniciar sesión
accounts-log-in-button = Iniciar sesión
accounts-login-refused = El correo electrónico o la contraseña no son correctos.
accounts-too-many-attempts = { $count ->
        [one] Demasiados intentos fallidos. Espera { $count } segundo y vuelve a intentarlo.
       *[other] Demasiados intentos fallidos. Espera { $count } segundos y vuelve a intentarlo.
    }
# Estos dos forman una frase: "¿Todavía no tienes cuenta? <Regístrate>."
accounts-no-account = ¿Todavía no tienes cuenta?
accounts-register-link = Regístrate

# La página de la cuenta
accounts-account-title = Tu cuenta
accounts-password-changed = Tu contraseña se ha cambiado. Se ha cerrado la sesión en tus otros dispositivos.
accounts-fact-name = Nombre
accounts-fact-email = Correo electrónico
accounts-fact-role = Función
accounts-role-citizen = Vecino o vecina
accounts-role-reviewer = Revisor o revisora
accounts-role-council = Ayuntamiento
accounts-role-auditor = Auditor o auditora
accounts-about-you = Sobre ti
accounts-about-you-account-hint = Solo se usa para comprobar si puedes votar en una convocatoria y para estadísticas anónimas sobre quién participa.
accounts-save = Guardar
accounts-password-heading = Cambiar la contraseña
accounts-current-password = Contraseña actual
accounts-new-password = Contraseña nueva
accounts-new-password-hint = Al menos 10 caracteres.
accounts-change-password = Cambiar la contraseña
accounts-sessions = Sesiones
accounts-sessions-text = ¿Has perdido el móvil o has usado un ordenador compartido? Cierra todas las sesiones en todos los dispositivos, también en este.
accounts-log-out-everywhere = Cerrar sesión en todas partes
accounts-your-data = Tus datos
accounts-download-data = Descargar todo lo que guardamos sobre ti (JSON)
accounts-delete-heading = Eliminar tu cuenta
accounts-delete-text = Se borran tus datos personales. Las papeletas que emitiste siguen contando (nunca estuvieron vinculadas a ti) y las propuestas que escribiste siguen siendo públicas, atribuidas a «usuario eliminado».
accounts-confirm-password = Tu contraseña, para confirmar
accounts-delete-button = Eliminar mi cuenta

# Después de eliminar la cuenta
accounts-deleted-title = Cuenta eliminada
accounts-deleted-heading = Tu cuenta se ha eliminado
accounts-deleted-thanks = Gracias por participar.
accounts-back-to-rounds = Volver a los presupuestos participativos
