# Funciones
staff-role-citizen = Vecino o vecina
staff-role-reviewer = Revisión
staff-role-council = Ayuntamiento
staff-role-auditor = Auditoría

# Personas y funciones (ayuntamiento)
staff-users-title = Personas y funciones
staff-users-text = Un cambio de función se aplica al momento y cierra las sesiones abiertas de esa persona.
staff-users-caption =
    { $count ->
        [one] { $n } cuenta
       *[other] { $n } cuentas
    }
staff-col-name = Nombre
staff-col-email = Correo electrónico
staff-col-role = Función
# Etiqueta del menú de función de cada persona, para lectores de pantalla
staff-role-of = Función de { $name }
staff-save = Guardar
# Lo leen los lectores de pantalla después de «Guardar»: «Guardar la función de Ana»
staff-save-role-of = la función de { $name }
staff-done-role = La función se ha cambiado.

# El registro de auditoría
staff-audit-title = Registro de auditoría
staff-logins-title = Inicios de sesión por día
staff-logins-caption = Intentos de inicio de sesión según el resultado
staff-col-day = Día
staff-col-outcome = Resultado
staff-col-count = Número
staff-actions-title = Acciones relevantes para la seguridad
staff-actions-caption = Las más recientes primero
staff-col-when = Cuándo
staff-col-account = Cuenta
staff-col-action = Acción
staff-col-detail = Detalle
staff-users-search = Buscar por dirección o nombre
staff-users-search-button = Buscar
staff-users-pages = Páginas de cuentas
