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
