# The council's translations of round and proposal texts
translation-note = Traducción del ayuntamiento. El texto original puede variar ligeramente.
translations-heading = Traducciones
translations-lead = Quienes leen el sitio en otro idioma ven tu traducción del título y la descripción en lugar del original.
translations-none = Todavía no hay traducciones.
translations-caption = Traducciones de este texto
translations-language = Idioma
translations-title = Título traducido
translations-description = Descripción traducida
translations-remove-hint = Para quitar una traducción, elige su idioma y deja los dos campos vacíos.
translations-save = Guardar la traducción
translations-flash-saved = La traducción se ha guardado.
translations-flash-removed = La traducción se ha quitado.
translations-link =
    { $count ->
        [0] Traduce este texto para quienes leen en otros idiomas
        [one] Una traducción: añadir o cambiar traducciones
       *[other] { $n } traducciones: añadir o cambiar traducciones
    }
translations-title-of = Traducciones: { $text }
translations-back = Volver a la página.
translations-original = El texto original
translations-so-far = Traducciones hasta ahora
translations-form-heading = Añadir, cambiar o quitar una traducción
translations-error-language = Elige el idioma de la traducción.
