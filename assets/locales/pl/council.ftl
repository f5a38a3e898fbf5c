# Lista edycji
council-rounds-title = Zarządzaj edycjami
council-create = Utwórz edycję
council-rounds-caption = Wszystkie edycje
council-col-round = Edycja
council-col-phase = Etap
council-col-voting = Głosowanie

# Formularz konfiguracji
council-frozen-label = Głosowanie już trwa:
council-frozen-text = konfiguracja jest zablokowana. Można jedynie przedłużyć termin zakończenia, podając publiczne uzasadnienie.
council-legend-round = Edycja
council-field-title = Tytuł
council-field-description = Opis dla mieszkańców
council-field-currency = Waluta
council-field-currency-hint = Trzy litery, np. PLN.
council-field-total-budget = Budżet całkowity
council-field-total-budget-hint = W jednostkach waluty, np. 1 500 000 lub 1500000,50.
council-field-citywide = Pula ogólnomiejska
council-field-citywide-hint = Środki na projekty ogólnomiejskie, niezależne od dzielnic. Zostaw puste, jeśli jej nie ma.
council-field-districts = Dzielnice i ich budżety
council-field-districts-hint = Po jednej w wierszu, w postaci dzielnica=kwota, np. stare-miasto=450000. Nowa nazwa tworzy dzielnicę.
council-field-categories = Kategorie
council-field-categories-hint = Po jednej w wierszu, np. Tereny zielone.
council-legend-phases = Etapy (w strefie czasowej edycji)
council-field-proposals-open = Początek zgłaszania propozycji
council-field-review-at = Początek weryfikacji
council-field-voting-open = Początek głosowania
council-field-voting-close = Koniec głosowania
council-field-voting-close-hint = Po rozpoczęciu głosowania tylko tę datę można zmienić, i to wyłącznie na późniejszą.
council-field-time-zone = Strefa czasowa edycji (w niej podane są terminy etapów)
council-legend-proposals = Propozycje
council-field-per-author = Propozycje na osobę
council-field-per-author-hint = Ile aktywnych propozycji może mieć jedna osoba w tej edycji. Domyślnie 5.
council-field-supports = Mieszkańcy mogą popierać propozycje w czasie ich zbierania
council-field-threshold = Poparcia potrzebne do weryfikacji
council-field-threshold-hint = Propozycje, które w chwili rozpoczęcia weryfikacji mają mniej poparć, nie są weryfikowane. Zostaw puste, jeśli nie ma progu.
council-legend-ballot = Karta do głosowania
council-field-ballot-type = Rodzaj karty do głosowania
council-field-min-choices = Minimalna liczba projektów na karcie
council-field-min-choices-hint = Karty z wyborem wielu projektów i karty rankingowe.
council-field-max-choices = Maksymalna liczba projektów na karcie
council-field-max-choices-hint = Zostaw puste, jeśli nie ma limitu.
council-field-points-total = Punkty na głosującego
council-field-points-total-hint = Wymagane przy kartach z rozdziałem punktów: liczba punktów, które rozdziela każdy głosujący.
council-field-revote = Ponowne głosowanie
council-field-points-per-project = Najwięcej punktów na jeden projekt
council-field-points-per-project-hint = Karty z rozdziałem punktów. Zostaw puste, jeśli nie ma limitu.
council-legend-counting = Liczenie głosów
council-field-rule = Zasada liczenia głosów
council-field-tie-break = Rozstrzyganie remisów
council-field-tie-break-hint = Stosowane, gdy projekty mają równy wynik: cost (najpierw tańszy), id (najpierw starsza propozycja), lottery:ZIARNO. Domyślnie: cost,id dla zasad „najwięcej głosów”, id dla równych udziałów i metody Phragména.
council-legend-eligibility = Kto może głosować
council-field-min-age = Minimalny wiek
council-field-min-age-hint = Zostaw puste, jeśli nie ma minimalnego wieku.
council-field-age-date = Wiek w dniu
council-field-age-date-hint = Domyślnie: dzień rozpoczęcia głosowania.
council-field-residence = Dzielnica głosującego
council-field-requires-census = Tylko osoby z listy mieszkańców (przesłanej przez urząd miasta)
council-field-requires-manual-check = Tylko osoby sprawdzone osobiście przez urzędnika
council-field-reason = Uzasadnienie tej zmiany
council-field-reason-hint = Zostanie opublikowane w rejestrze zmian edycji. Wymagane po rozpoczęciu głosowania.
council-save = Zapisz zmiany
council-create-submit = Utwórz edycję

# Rodzaje kart do głosowania
council-ballot-approval = Aprobata: zaznacz wszystkie projekty, które popierasz (od minimalnej do maksymalnej liczby)
council-ballot-knapsack = Plecak: wybierz projekty, których łączny koszt mieści się w budżecie dzielnicy
council-ballot-ranked = Ranking: ustaw ulubione projekty w kolejności
council-ballot-cumulative = Punkty: rozdziel pulę punktów między projekty

# Ponowne głosowanie
council-revote-final = Oddany głos jest ostateczny
council-revote-last-counts = Można głosować ponownie do końca głosowania; liczy się tylko ostatnia karta

# Gdzie głosują mieszkańcy
council-residence-none = Każdy może głosować, w dowolnej dzielnicy tej edycji
council-residence-self-declared = Głosujący głosują w dzielnicy, w której według swojej deklaracji mieszkają
council-residence-verified = Głosujący głosują w dzielnicy potwierdzonej przez listę mieszkańców lub przez weryfikatora

# Zasady liczenia głosów
council-rule-greedy = Najpierw najwięcej głosów: projekty są finansowane w kolejności liczby głosów; projekt, który nie mieści się w pozostałych środkach, jest pomijany i sprawdzany jest następny.
council-rule-greedy-no-skip = Najpierw najwięcej głosów, do pierwszego, który się nie mieści: finansowanie kończy się na pierwszym projekcie, którego pozostałe środki nie pokrywają, nawet jeśli tańsze projekty poniżej by się zmieściły.
council-rule-greedy-threshold = Najpierw najwięcej głosów, z progiem: jak pierwsza zasada, ale sfinansowane mogą być tylko projekty z co najmniej podaną niżej liczbą głosów (lub punktów).
council-rule-mes-add1 = Metoda równych udziałów (Equal Shares): każdy głosujący dysponuje równą częścią budżetu; projekt jest finansowany, gdy jego zwolennicy mogą wspólnie za niego zapłacić, więc każda grupa głosujących dostaje projekty proporcjonalnie do swojej liczebności. Pozostałe środki wykorzystuje się, nieco zwiększając każdy udział, tak jak robi to equalshares.net.
council-rule-mes-add1-fill = Metoda równych udziałów, potem najwięcej głosów: jak wyżej, a środki, które jeszcze zostały, finansują najwyżej oceniane pozostałe projekty, które się mieszczą.
council-rule-phragmen = Sekwencyjna metoda Phragména: projekty są „kupowane” po jednym przez ich zwolenników, za każdym razem wybierany jest ten, przy którym największe obciążenie jednego głosującego pozostaje jak najmniejsze. Proporcjonalna, dla kart z aprobatą i plecakowych.

# Zarządzanie jedną edycją
council-manage-title = Zarządzaj: { $round }
# Po tym następuje pogrubiona nazwa etapu i link do strony publicznej
council-current-phase = Bieżący etap:
council-public-page = Zobacz stronę publiczną
council-advance-title = Przejdź teraz do następnego etapu
council-advance-text = Etapy zmieniają się same w ustalonych terminach. Aby przejść dalej wcześniej (lub zakończyć głosowanie), podaj uzasadnienie; zostanie opublikowane.
council-advance-reason = Uzasadnienie
council-advance-submit = Przejdź do następnego etapu
council-count-title = Policz głosy
council-count-text = Głosowanie się zakończyło. Liczenie sumuje głosy z tablicy publicznej według zasady i sposobu rozstrzygania remisów tej edycji i jednorazowo zapisuje wynik wraz z wierzchołkiem łańcucha. Następnie opublikuj go przyciskiem „Przejdź do następnego etapu”.
council-count-submit = Policz głosy
council-config-title = Konfiguracja
council-simulate-link = Porównaj zasady liczenia głosów na kartach z tej edycji
council-census-title = Lista mieszkańców
council-census-text = Prześlij listę mieszkańców jako plik CSV z kolumnami document_number, birth_year i (opcjonalnie) district. Zastępuje ona obecną listę; jeśli którykolwiek wiersz jest błędny, nic nie zostanie zaimportowane. Numery dokumentów są przechowywane wyłącznie jako solone skróty.
council-census-file = Plik z listą mieszkańców (.csv)
council-census-submit = Zastąp listę mieszkańców
council-codes-title = Kody do głosowania
council-codes-status = Wydane: { $issued }. Wykorzystane: { $used }. Każdy kod jest pokazywany tylko raz, w chwili wygenerowania: od razu wydrukuj arkusz.
council-codes-count = Ile
council-codes-district = Dla dzielnicy (identyfikator)
council-codes-district-hint = Zostaw puste, aby wygenerować kody ogólnomiejskie.
council-codes-submit = Wygeneruj arkusz do druku
council-log-title = Rejestr zmian

# Komunikaty po działaniu
council-done-created = Edycja została utworzona.
council-done-saved = Twoje zmiany zostały zapisane i wpisane do rejestru zmian.
council-done-advanced = Edycja przeszła do następnego etapu.
council-census-replaced =
    { $count ->
        [one] Lista mieszkańców zastąpiona: { $rows } osoba (dodane: { $added }, usunięte: { $removed }, bez zmian: { $unchanged }).
        [few] Lista mieszkańców zastąpiona: { $rows } osoby (dodane: { $added }, usunięte: { $removed }, bez zmian: { $unchanged }).
        [many] Lista mieszkańców zastąpiona: { $rows } osób (dodane: { $added }, usunięte: { $removed }, bez zmian: { $unchanged }).
       *[other] Lista mieszkańców zastąpiona: { $rows } osoby (dodane: { $added }, usunięte: { $removed }, bez zmian: { $unchanged }).
    }
# Dalsza część pochodzi z importu i na razie jest po angielsku
council-census-nothing = Nic nie zostało zaimportowane: { $message }
council-counted =
    { $count ->
        [one] Policzono { $n } kartę do głosowania. Wynik zapisano z wierzchołkiem łańcucha { $head }; opublikuj go, przechodząc do następnego etapu.
        [few] Policzono { $n } karty do głosowania. Wynik zapisano z wierzchołkiem łańcucha { $head }; opublikuj go, przechodząc do następnego etapu.
        [many] Policzono { $n } kart do głosowania. Wynik zapisano z wierzchołkiem łańcucha { $head }; opublikuj go, przechodząc do następnego etapu.
       *[other] Policzono { $n } karty do głosowania. Wynik zapisano z wierzchołkiem łańcucha { $head }; opublikuj go, przechodząc do następnego etapu.
    }

# Arkusz kodów do głosowania do druku
council-code-sheet-title = Kody do głosowania: { $round }
council-code-sheet-print = Te kody są pokazywane tylko teraz. Wydrukuj tę stronę (każdy kod działa raz), a następnie ją zamknij.
council-code-sheet-how = Aby zagłosować, nie potrzebujesz konta ani adresu e-mail: wejdź na

# Odmowy pokazywane na stronie błędu
council-error-codes-count = podaj liczbę kodów jako liczbę całkowitą
council-error-census-utf8 = plik z listą mieszkańców musi być tekstem w UTF-8
council-codes-from-census-text = W tym głosowaniu można głosować także kontem albo sprawdzana jest lista spisowa, więc kody wydaje się ze spisu: prześlij plik spisu z osobami, do których trzeba napisać (document_number, birth_year i kolumny potrzebne do listów, np. imię i adres). Dostaniesz tę samą listę z kodem dla każdej osoby do wydruku listów; budgetbox przechowuje tylko skróty kodów, każdy przypisany do swojej osoby, więc kto zagłosuje kodem, nie zagłosuje już kontem, i odwrotnie.
council-codes-from-census-file = Plik spisu z osobami, do których trzeba napisać (CSV)
council-codes-from-census-submit = Wydaj kody i pobierz listę wysyłkową
council-channels-accounts = Tylko kontem
council-channels-accounts-and-codes = Kontem albo kodem wysłanym pocztą (wymaga listy spisowej: kody wydaje się z niej, więc kto zagłosuje jednym, nie zagłosuje drugim)
council-channels-codes = Tylko kodem wysłanym pocztą
council-field-voting-channels = Jak głosują mieszkańcy
council-eligibility-what-it-stops = Co zatrzymuje każda reguła: samo konto nie zatrzyma nikogo, kto zakłada konta jednorazowe. Lista spisowa, osobiste sprawdzenie dokumentu tożsamości lub kody wysłane do osób ze spisu wiążą każdą kartę z jedną osobą, niezależnie od tego, jakie konta powstają i znikają. Kody bez spisu zapobiegają podwójnym głosom tylko wtedy, gdy nikt nie może głosować kontem.
council-field-requires-verified-email = Konta muszą mieć potwierdzony adres e-mail (najsłabsze sprawdzenie w prawdziwym głosowaniu: zatrzymuje konta z wymyślonymi adresami, ale nie jedną osobę z kilkoma prawdziwymi adresami)
council-field-rule-threshold = Minimalna liczba głosów (lub punktów)
council-field-rule-threshold-hint = Wymagane przy zasadzie „Najpierw najwięcej głosów, z progiem”: projekt z mniejszą liczbą głosów nie otrzymuje finansowania.
council-code-sheet-district = Dzielnica: { $district }
council-code-sheet-any-district = Dowolna dzielnica głosowania: swoją wybierasz podczas głosowania.
council-code-sheet-code = i wpisz ten kod:
council-legend-comments = Komentarze do propozycji
council-field-comments = Mieszkańcy mogą komentować
council-comments-proposals-review = Podczas zbierania i oceny propozycji (zamknięte w czasie głosowania)
council-comments-proposals = Tylko podczas zbierania propozycji
council-comments-until-results = We wszystkich etapach oprócz głosowania
council-comments-always = We wszystkich etapach, także w czasie głosowania
council-comments-never = Nigdy
council-field-comment-days = Ile dni musi istnieć konto, aby komentować
council-field-comment-days-hint = Zostaw puste lub 0, aby nie wymagać. Pracownicy urzędu odpowiadają zawsze.
council-field-comment-verified = Komentują tylko konta z potwierdzonym adresem e-mail
council-field-requires-identity-provider = Głosujący muszą mieć tożsamość potwierdzoną przez miejską usługę tożsamości (na poziomie uznanym przez radę)
