# The council's translations of round and proposal texts
translation-note = Translated by the council. The original text may differ slightly.
translations-heading = Translations
translations-lead = Residents who read the site in another language see your translation of the title and description instead of the original.
translations-none = No translations yet.
translations-caption = Translations of this text
translations-language = Language
translations-title = Translated title
translations-description = Translated description
translations-remove-hint = To remove a translation, choose its language and leave both fields empty.
translations-save = Save the translation
translations-flash-saved = The translation is saved.
translations-flash-removed = The translation is removed.
translations-link =
    { $count ->
        [0] Translate this text for readers of other languages
        [one] One translation — add or change translations
       *[other] { $n } translations — add or change translations
    }
translations-title-of = Translations: { $text }
translations-back = Back to the page.
translations-original = The original text
translations-so-far = Translations so far
translations-form-heading = Add, change or remove a translation
translations-error-language = Choose the language of the translation.
