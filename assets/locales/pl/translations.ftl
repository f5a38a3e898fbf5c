# The council's translations of round and proposal texts
translation-note = Tłumaczenie urzędu miasta. Tekst oryginalny może się nieco różnić.
translations-heading = Tłumaczenia
translations-lead = Osoby czytające serwis w innym języku zobaczą Twoje tłumaczenie tytułu i opisu zamiast oryginału.
translations-none = Nie ma jeszcze tłumaczeń.
translations-caption = Tłumaczenia tego tekstu
translations-language = Język
translations-title = Przetłumaczony tytuł
translations-description = Przetłumaczony opis
translations-remove-hint = Aby usunąć tłumaczenie, wybierz jego język i zostaw oba pola puste.
translations-save = Zapisz tłumaczenie
translations-flash-saved = Tłumaczenie zostało zapisane.
translations-flash-removed = Tłumaczenie zostało usunięte.
translations-link =
    { $count ->
        [0] Przetłumacz ten tekst dla osób czytających w innych językach
        [one] Jedno tłumaczenie — dodaj lub zmień tłumaczenia
        [few] { $n } tłumaczenia — dodaj lub zmień tłumaczenia
       *[many] { $n } tłumaczeń — dodaj lub zmień tłumaczenia
    }
translations-title-of = Tłumaczenia: { $text }
translations-back = Wróć do strony.
translations-original = Tekst oryginalny
translations-so-far = Dotychczasowe tłumaczenia
translations-form-heading = Dodaj, zmień lub usuń tłumaczenie
translations-error-language = Wybierz język tłumaczenia.
