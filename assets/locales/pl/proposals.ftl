# Statusy propozycji (i decyzja weryfikacji)
proposals-status-submitted = Zgłoszona, czeka na weryfikację
proposals-status-feasible = Wykonalna: na karcie do głosowania
proposals-status-infeasible = Niewykonalna
proposals-status-withdrawn = Wycofana przez autora

# Lista propozycji z filtrami
proposals-list-title = Propozycje: { $round }
proposals-new = Zgłoś propozycję
proposals-citywide = Cała gmina
proposals-district = Dzielnica
proposals-category = Kategoria
proposals-filter-label = Filtruj propozycje
proposals-filter-search = Szukaj w tytułach, opisach i miejscach
proposals-filter-status = Status
proposals-filter-cost-from = Koszt od
proposals-filter-cost-to = Koszt do
proposals-filter-cost-hint = W { $currency }
proposals-filter-sort = Kolejność
proposals-filter-submit = Pokaż propozycje
proposals-sort-newest = Od najnowszych
proposals-sort-oldest = Od najstarszych
proposals-sort-cost-low = Od najtańszych
proposals-sort-cost-high = Od najdroższych
proposals-sort-title = Według tytułu
proposals-found =
    { $count ->
        [one] { $n } propozycja
        [few] { $n } propozycje
        [many] { $n } propozycji
       *[other] { $n } propozycji
    }
proposals-found-paged =
    { $count ->
        [one] { $n } propozycja
        [few] { $n } propozycje
        [many] { $n } propozycji
       *[other] { $n } propozycji
    }, strona { $page } z { $pages }
proposals-pages-label = Strony listy propozycji

# Formularz zgłoszenia i edycji
proposals-edit-title = Popraw swoją propozycję
proposals-field-title = Tytuł
proposals-field-title-hint = Od 5 do 120 znaków, np. „Drzewa wzdłuż ścieżki nad kanałem”.
proposals-field-description = Co należy zrobić, gdzie i dla kogo?
proposals-field-description-hint = Zwykły tekst; akapity oddziel pustym wierszem. Linki są wyświetlane jako tekst.
proposals-field-cost = Szacunkowy koszt
proposals-field-cost-hint = W { $currency }, np. 25 000. Koszt sprawdzą weryfikatorzy.
proposals-field-location = Miejsce
proposals-field-location-hint = Ulica, plac lub charakterystyczne miejsce.
proposals-form-submit = Zapisz propozycję

# Strona jednej propozycji
proposals-proposed-by = autorstwo: { $authors }
# „Połączona: ta propozycja jest teraz częścią <link>propozycji 12</link>.” to jedno zdanie:
# etykieta, tekst przed linkiem, tekst linku i reszta (ze spacją na początku, jeśli potrzeba).
proposals-merged-label = Połączona:
proposals-merged-before = ta propozycja jest teraz częścią
proposals-merged-link = propozycji { $id }
proposals-merged-after = .
proposals-image-alt = Zdjęcie do propozycji: { $title }
proposals-estimated-cost = Szacunkowy koszt
proposals-validated-cost = Koszt po weryfikacji
proposals-not-reviewed = jeszcze nie zweryfikowano
proposals-hidden-label = Ukryta przez moderatorów:
proposals-hidden-staff = Widzisz treść, ponieważ moderujesz; mieszkańcy jej nie widzą.
# Po liczbie poparć, np. „12 poparć”
proposals-supports =
    { $count ->
        [one] poparcie
        [few] poparcia
        [many] poparć
       *[other] poparcia
    }
proposals-supports-needed = potrzeba { $n }, by przejść do weryfikacji
proposals-unsupport = Wycofaj moje poparcie
proposals-support = Poprzyj tę propozycję
proposals-over-budget = Szacunkowy koszt przekracza cały budżet edycji; weryfikatorzy przyjrzą mu się dokładnie.
proposals-history = Historia
proposals-history-submitted = zgłoszono
proposals-history-changes = weryfikatorzy poprosili o zmiany:
# Po tym następuje data, w nawiasie: „(autor poprawił ją 3 maja 2026, 10:00 UTC)”
proposals-history-edited = autor poprawił ją
proposals-history-reviewed = zweryfikowano:
# Między decyzją a kosztem po weryfikacji: „Wykonalna: na karcie do głosowania, koszt 25 000 PLN”
proposals-history-at = — koszt
proposals-yours = Twoja propozycja
proposals-changes-asked = Weryfikatorzy poprosili Cię o zmiany.
proposals-changes-answer = Popraw propozycję, aby na nie odpowiedzieć.
proposals-edit = Edytuj
proposals-image-replace = Zmień zdjęcie
proposals-image-add = Dodaj zdjęcie
proposals-image-hint = Plik JPEG, PNG lub WebP o rozmiarze do 5 MB.
proposals-image-upload = Prześlij zdjęcie
proposals-withdraw = Wycofaj tę propozycję
proposals-flag-summary = Zgłoś tę propozycję jako naruszającą zasady
proposals-flag-reason = Co jest z nią nie tak?
proposals-flag-reason-hint = Moderatorzy czytają każde zgłoszenie.
proposals-flag-submit = Wyślij zgłoszenie
proposals-moderation = Moderacja
proposals-public-reason = Uzasadnienie publiczne
proposals-moderation-reason-hint = Zostanie opublikowane na stronie propozycji. Treść pozostaje w dzienniku audytu.
proposals-moderation-show = Pokaż treść ponownie
proposals-moderation-hide = Ukryj treść
proposals-changes-title = Poproś autora o zmiany
proposals-changes-reason = Co należy zmienić
proposals-changes-reason-hint = Zostanie opublikowane w historii propozycji; autor będzie mógł ją wtedy poprawić.
proposals-changes-submit = Poproś o zmiany
proposals-merge-title = Połącz duplikat
proposals-merge-into = Połącz tę propozycję z propozycją numer
proposals-merge-reason = Dlaczego to ta sama propozycja
proposals-merge-reason-hint = Zostanie opublikowane przy obu propozycjach. Obaj autorzy zostaną wymienieni.
proposals-merge-submit = Połącz
proposals-review-title = Weryfikacja
proposals-review-decision = Decyzja
proposals-review-feasible = Wykonalna: umieść ją na karcie do głosowania
proposals-review-infeasible = Niewykonalna
proposals-review-cost-hint = Zostaw puste, aby zachować szacunkowy koszt.
proposals-review-reason-hint = Zostanie opublikowane razem z decyzją.
proposals-review-submit = Zapisz decyzję

# Komunikaty po działaniu na propozycji
proposals-done-submitted = Twoja propozycja została zgłoszona. Możesz ją poprawić lub wycofać do czasu rozpoczęcia weryfikacji.
proposals-done-saved = Twoje zmiany zostały zapisane.
proposals-done-withdrawn = Propozycja została wycofana.
proposals-done-reviewed = Decyzja została zapisana i opublikowana.
proposals-done-supported = Dziękujemy: Twoje poparcie zostało policzone.
proposals-done-unsupported = Twoje poparcie zostało wycofane.
proposals-done-flagged = Dziękujemy: moderatorzy przyjrzą się tej propozycji.
proposals-done-hidden = Treść propozycji została ukryta, a Twoje uzasadnienie opublikowane.
proposals-done-shown = Treść propozycji jest znów widoczna.
proposals-done-merged = Propozycje zostały połączone; obaj autorzy są wymienieni przy tej drugiej.
proposals-done-changes = Autor został poproszony o zmiany; może teraz poprawić propozycję.
proposals-done-image = Zdjęcie zostało zapisane.

# Zgłoszone propozycje (moderacja)
proposals-flags-title = Zgłoszone propozycje: { $round }
proposals-flags-none = W tej edycji nikt nie zgłosił żadnej propozycji.
proposals-flags-reports =
    { $count ->
        [one] { $n } zgłoszenie
        [few] { $n } zgłoszenia
        [many] { $n } zgłoszeń
       *[other] { $n } zgłoszenia
    }
proposals-flags-hidden = ukryta
proposals-back-to-round = Wróć do edycji

# Odmowy pokazywane na stronie błędu
proposals-error-not-author = tylko autor może zmienić tę propozycję
proposals-error-hide-or-show = wybierz, czy ukryć, czy pokazać propozycję
proposals-cannot-yet = Nie możesz jeszcze zgłosić projektu w tym głosowaniu
proposals-cannot-yet-account = Uzupełnij swoje konto
proposals-cannot-yet-round = Wróć do głosowania
proposals-hidden-title = Ukryta przez moderatorów
proposals-withdraw-confirm-title = Wycofać ten projekt?
proposals-withdraw-confirm-text = Projekt na stałe opuści głosowanie: tego nie można cofnąć, a jego poparcia przepadną. Jego strona zostanie, oznaczona jako wycofana.
proposals-withdraw-confirm-yes = Tak, wycofaj
proposals-withdraw-confirm-no = Nie, zostaw
