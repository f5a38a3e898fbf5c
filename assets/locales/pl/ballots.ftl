# Karta do głosowania
ballots-vote-title = Głosowanie: { $title }
# Te dwa teksty tworzą jedno zdanie wokół nazwy dzielnicy: "Twoja karta do głosowania dla dzielnicy <nazwa> (oraz projekty ogólnomiejskie)."
ballots-district-before = Twoja karta do głosowania dla dzielnicy
ballots-district-after = (oraz projekty ogólnomiejskie).
ballots-budget = Budżet:
ballots-projects = Projekty
ballots-instructions-approval-range = { $count ->
        [one] Zaznacz od { $min } do { $count } projektu, który chcesz sfinansować.
       *[other] Zaznacz od { $min } do { $count } projektów, które chcesz sfinansować.
    }
ballots-instructions-approval-min = { $count ->
        [one] Zaznacz co najmniej { $count } projekt, który chcesz sfinansować.
        [few] Zaznacz co najmniej { $count } projekty, które chcesz sfinansować.
        [many] Zaznacz co najmniej { $count } projektów, które chcesz sfinansować.
       *[other] Zaznacz co najmniej { $count } projektu, które chcesz sfinansować.
    }
ballots-instructions-knapsack = Zaznacz projekty, które chcesz sfinansować. Ich łączny koszt musi zmieścić się w podanym budżecie.
ballots-instructions-ranked = { $count ->
        [one] Przyznaj swojemu ulubionemu projektowi miejsce 1, kolejnemu miejsce 2 i tak dalej (do { $count } projektu).
       *[other] Przyznaj swojemu ulubionemu projektowi miejsce 1, kolejnemu miejsce 2 i tak dalej (do { $count } projektów).
    }
ballots-instructions-cumulative = { $count ->
        [one] Rozdziel do { $count } punktu między projekty, które Ci się podobają.
       *[other] Rozdziel do { $count } punktów między projekty, które Ci się podobają.
    }
ballots-instructions-cumulative-max = { $count ->
        [one] Rozdziel do { $count } punktu między projekty, które Ci się podobają, najwyżej { $max } na jeden projekt.
       *[other] Rozdziel do { $count } punktów między projekty, które Ci się podobają, najwyżej { $max } na jeden projekt.
    }
ballots-not-ranked = Bez miejsca
ballots-rank = Miejsce { $rank }
ballots-review-button = Sprawdź swój głos

# Błędy na karcie; zaczynają się małą literą (strona zmienia pierwszą na wielką)
ballots-error-not-project = `{ $value }` nie jest projektem
ballots-error-not-rank = `{ $value }` nie jest miejscem w kolejności
ballots-error-rank-twice = dwa projekty mają miejsce { $rank }; każde miejsce przyznaj tylko raz
ballots-error-rank-gap = miejsca muszą iść po kolei: 1, 2, 3… bez przerw; brakuje miejsca { $rank }
ballots-error-not-points = `{ $value }` nie jest całkowitą liczbą punktów
ballots-error-voting-closed = głosowanie w tej edycji nie jest otwarte
ballots-error-code-invalid = ten kod do głosowania nie jest ważny w tej edycji
ballots-error-code-used = ten kod do głosowania został już wykorzystany; każdym kodem można zagłosować tylko raz
ballots-error-already-voted = Twój głos w tej edycji został już oddany; każdy może głosować tylko raz

# Sprawdzenie karty przed oddaniem głosu
ballots-review-title = Sprawdź swój głos: { $title }
ballots-review-heading = Sprawdź swój głos
ballots-review-lead = Nic nie zostało jeszcze zapisane. Sprawdź swoje wybory, a potem oddaj głos. Później nie będzie można go zmienić.
# Te dwa teksty tworzą jedno zdanie: "Razem: <kwota> z <budżet>"
ballots-review-total = Razem:
ballots-review-total-of = z
ballots-review-points = { $count ->
        [one] { $title }: { $points } punkt
        [few] { $title }: { $points } punkty
        [many] { $title }: { $points } punktów
       *[other] { $title }: { $points } punktu
    }
ballots-cast-button = Oddaj głos
ballots-change-button = Zmień wybór

# Potwierdzenie
ballots-receipt-title = Głos został oddany
ballots-receipt-heading = Dziękujemy, Twój głos został oddany
ballots-receipt-code-intro = Twój kod weryfikacyjny, wyświetlany tylko teraz:
ballots-receipt-keep = Zapisz go albo pobierz. Dzięki niemu sprawdzisz na tablicy publicznej, że Twój głos został policzony i nikt go nie zmienił. Kod nie zdradza, kim jesteś.
ballots-receipt-download = Pobierz potwierdzenie
ballots-receipt-see-board = Zobacz tablicę publiczną
# Pobrane potwierdzenie, plik tekstowy
ballots-receipt-file-heading = Potwierdzenie oddania głosu – budgetbox
ballots-receipt-file-code = Kod weryfikacyjny: { $code }
ballots-receipt-file-check = Sprawdź, czy Twój głos został policzony: otwórz tablicę publiczną edycji i wpisz ten kod.
ballots-receipt-file-private = Kod nie pozwala Cię zidentyfikować; zachowaj go dla siebie, jeśli nie chcesz, aby inni zobaczyli Twoje wybory.

# Anonimowa ankieta
ballots-survey-heading-optional = Powiedz nam, jak poszło (opcjonalnie)
ballots-survey-anonymous = Twoje odpowiedzi są anonimowe: zapisujemy je bez Twojego imienia, konta i głosu, a z daty zachowujemy tylko dzień.
ballots-survey-ease = Jak łatwo było zagłosować?
ballots-ease-1 = Bardzo trudno
ballots-ease-2 = Trudno
ballots-ease-3 = Ani łatwo, ani trudno
ballots-ease-4 = Łatwo
ballots-ease-5 = Bardzo łatwo
ballots-survey-found = Czy udało Ci się znaleźć potrzebne informacje?
ballots-found-yes = Tak
ballots-found-partly = Częściowo
ballots-found-no = Nie
ballots-survey-comment = Czy chcesz jeszcze coś przekazać urzędowi miasta?
ballots-survey-comment-hint = Do { $max } znaków. Nie podawaj swojego imienia ani danych kontaktowych.
ballots-survey-send = Wyślij anonimowo
ballots-survey-title = Powiedz nam, jak poszło
ballots-survey-thanks-title = Dziękujemy za opinię
ballots-survey-thanks-heading = Dziękujemy
ballots-survey-thanks-text = Twoje odpowiedzi pomogą urzędowi miasta ułatwić udział w następnej edycji.
ballots-back-to-round = Wróć do edycji

# Opinie głosujących (urząd miasta i audytorzy)
ballots-feedback-title = Opinie głosujących: { $title }
ballots-feedback-responses = Anonimowe odpowiedzi: { $count }.
ballots-feedback-average = Średnia łatwość: { $average } na 5.
ballots-feedback-answer = Odpowiedź
ballots-feedback-people = Liczba osób
ballots-feedback-comments = Komentarze
ballots-feedback-no-comments = Brak komentarzy.

# Przed głosowaniem: logowanie albo kod do głosowania
ballots-log-in-to-vote = Zaloguj się, aby zagłosować
ballots-code-heading = Zagłosuj kodem do głosowania
ballots-code-text = Jeśli miasto przesłało Ci kod do głosowania, możesz nim zagłosować bez zakładania konta.
ballots-code-label = Kod do głosowania
ballots-code-hint = Na przykład ABCD-EFGH-JKLM-NPQR.
ballots-code-continue = Dalej

# Ponowne głosowanie
ballots-already-voted-title = Twój głos został już oddany
ballots-already-voted-text = Twój głos w edycji { $title } jest zapisany, a każdy może głosować tylko raz. Dziękujemy za udział.
# Te trzy teksty tworzą jedno zdanie: "Aby sprawdzić, czy został policzony, użyj swojego kodu weryfikacyjnego na <tablicy publicznej>."
ballots-already-voted-check-before = Aby sprawdzić, czy został policzony, użyj swojego kodu weryfikacyjnego na
ballots-already-voted-check-link = tablicy publicznej
ballots-already-voted-check-after = { "." }

# Tablica publiczna
ballots-board-title = Tablica publiczna: { $title }
# Te dwa teksty tworzą jedno zdanie wokół skrótu: "… Wierzchołek łańcucha to <skrót>."
ballots-board-lead = Wszystkie głosy w kolejności oddania; każdy wpis jest opieczętowany skrótem (hashem) poprzedniego. Wierzchołek łańcucha to
ballots-board-lead-after = { "." }
ballots-check-heading = Sprawdź swój głos
ballots-tracking-code = Kod weryfikacyjny
ballots-check-button = Sprawdź
ballots-board-entries = Wpisy
ballots-board-page = Strona { $page } z { $pages }
ballots-board-ballot = Głos
ballots-board-day = Dzień
ballots-board-entry-hash = Skrót wpisu
ballots-board-pages = Strony
# Te trzy teksty tworzą jedno zdanie: "Dla programów: <cały łańcuch jako JSON>."
ballots-board-json-before = Dla programów:
ballots-board-json-link = cały łańcuch jako JSON
ballots-board-json-after = { "." }

# Sprawdzanie kodu weryfikacyjnego
# Te dwa teksty tworzą jedno zdanie: "<Twój głos jest na tablicy publicznej> jako wpis nr 12 w edycji 3."
ballots-inclusion-found = Twój głos jest na tablicy publicznej
ballots-inclusion-entry = jako wpis nr { $entry } w edycji { $round }.
ballots-inclusion-reads = Treść:
# Te dwa teksty tworzą jedno zdanie: "<Zagłosowano ponownie:> ten głos został zastąpiony…"
ballots-inclusion-voted-again = Zagłosowano ponownie:
ballots-inclusion-replaced = ten głos został zastąpiony wpisem nr { $entry } i nie jest liczony; liczy się ten późniejszy.
# Razem jedno zdanie: "Skrót wpisu <skrót>; łańcuch nienaruszony."
ballots-inclusion-hash = Skrót wpisu
ballots-chain-intact = łańcuch nienaruszony
ballots-chain-broken = łańcuch USZKODZONY — zgłoś to urzędowi miasta
ballots-not-found = Żaden głos nie ma tego kodu weryfikacyjnego. Sprawdź go znak po znaku; w kodach nie ma znaków 0, O, 1, I ani L.
ballots-board-sealed = zapieczętowana do liczenia
ballots-inclusion-sealed = Jej treść jest zapieczętowana do czasu liczenia, aby nikt nie liczył głosów w trakcie głosowania; sprawdź ponownie po liczeniu, aby ją zobaczyć.
ballots-board-sealed-note = Dopóki głosowanie trwa, każdy wpis zawiera skrót karty z solą zamiast samej karty, aby nikt nie mógł liczyć głosów przed końcem; karty i ich sole są publikowane przy liczeniu i wtedy każdy może sprawdzić każdy skrót.
ballots-choose-district-legend = Twoja dzielnica
ballots-choose-district-text = Każda dzielnica głosuje na własne projekty. Wybierz dzielnicę, w której mieszkasz, aby zobaczyć jej kartę do głosowania.
ballots-review-lead-last-counts = Nic nie zostało jeszcze zapisane. Sprawdź swoje wybory, a potem oddaj głos. Możesz głosować ponownie do końca głosowania: liczy się tylko twój ostatni głos.
ballots-last-counts = W tym głosowaniu możesz głosować ponownie do jego końca: liczy się tylko twój ostatni głos, który zastępuje wcześniejsze.
ballots-not-yet-where = Gdzie to uzupełnić
ballots-not-yet-round = Strona głosowania: kto może głosować i sprawdzenie w spisie
ballots-not-yet-account = Twoje konto: dzielnica, rok urodzenia, potwierdzenie adresu
ballots-words-empty = żaden projekt
ballots-meter-spent = Wybrano:
ballots-meter-left = zostaje:
ballots-meter-over = ponad budżet o
ballots-tree-included = Jest w podpisanym nagłówku tablicy z { $size } wpisami z dnia { $date }, którego korzeń to
ballots-tree-check = Sprawdź dowód w tej przeglądarce
ballots-tree-check-ok = Sprawdzono: ścieżka od Twojego wpisu prowadzi do korzenia podpisanego nagłówka.
ballots-tree-check-failed = Ścieżka od Twojego wpisu nie prowadzi do korzenia podpisanego nagłówka. Powiadom urząd miasta i zachowaj swój kod.
ballots-tree-offline = Aby sprawdzić to samodzielnie, łącznie z podpisem: zapisz odpowiedź /api/v1/receipts/ z Twoim kodem i uruchom budgetbox verify --receipt PLIK --public-key z kluczem z /api/v1/audit-key.
ballots-tree-pending = Podpisany nagłówek obejmuje nowe głosy w ciągu kilku sekund; odśwież stronę, aby zobaczyć dowód, że obejmuje Twój.
