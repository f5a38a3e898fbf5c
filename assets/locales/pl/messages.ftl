# Messages from the rules: why a form or request was refused
messages-account-enter-name-other-people = Podaj imię i nazwisko lub pseudonim widoczny dla innych.
messages-account-use-most-80-characters = Wpisz najwyżej 80 znaków.
messages-account-enter-email-address-name = Podaj adres e-mail, np. name@example.org.
messages-account-choose-options-leave-empty = Wybierz jedną z opcji albo zostaw to pole puste.
messages-account-choose-district-list-leave = Wybierz swoją dzielnicę z listy albo zostaw to pole puste.
messages-account-not-current-password = To nie jest Twoje obecne hasło.
messages-account-not-password = To nie jest Twoje hasło.
messages-proposal-give-proposal-title-least = Nadaj propozycji tytuł o długości co najmniej 5 znaków.
messages-proposal-describe-project-least-20 = Opisz projekt w co najmniej 20 znakach: co, gdzie i dla kogo.
messages-proposal-enter-estimated-cost-above = Podaj szacunkowy koszt większy od zera.
messages-proposal-cost-far-above-whole = Ten koszt znacznie przekracza cały budżet edycji; sprawdź kwotę.
messages-proposal-choose-round-s-districts = Wybierz jedną z dzielnic tej edycji albo opcję ogólnomiejską.
messages-proposal-round-has-no-city = Ta edycja nie ma budżetu ogólnomiejskiego: wybierz dzielnicę.
messages-proposal-choose-round-s-categories = Wybierz jedną z kategorii tej edycji albo nie wybieraj żadnej.
messages-proposal-keep-location-200-characters = Miejsce nie może przekraczać 200 znaków.
messages-proposal-give-public-reason-decision = Podaj publiczne uzasadnienie tej decyzji.
messages-proposal-enter-validated-cost-amount = Podaj koszt po weryfikacji jako kwotę większą od zera albo zostaw puste, aby zachować szacunkowy koszt.
messages-proposal-choose-feasible-not-feasible = Wybierz: wykonalna albo niewykonalna.
messages-proposal-choose-statuses-list = Wybierz jeden ze statusów z listy.
messages-proposal-choose-orders-list = Wybierz sposób sortowania z listy.
messages-proposal-pages-are-numbered-1 = Strony są numerowane od 1.
messages-proposal-say-5-500-characters = Napisz, co jest nie tak (od 5 do 500 znaków).
messages-proposal-choose-another-proposal-merge = Wybierz inną propozycję, z którą chcesz połączyć tę propozycję.
messages-proposal-give-number-proposal-same = Podaj numer propozycji z tej samej edycji.
messages-proposal-file-not-jpeg-png = Ten plik nie jest zdjęciem w formacie JPEG, PNG ani WebP.
messages-survey-choose-five-answers = Wybierz jedną z pięciu odpowiedzi.
messages-survey-choose-yes-partly-no = Wybierz: tak, częściowo albo nie.
messages-survey-answer-least-question-just = Odpowiedz na co najmniej jedno pytanie albo po prostu zamknij tę stronę.
messages-progress-choose-project-s-status = Wybierz status projektu.
messages-progress-give-whole-number-0 = Podaj liczbę całkowitą od 0 do 100.
messages-progress-completed-project-100-done = Zakończony projekt musi być zrealizowany w 100%.
messages-progress-give-date-yyyy-mm = Podaj datę w formacie YYYY-MM-DD, np. 2026-05-31.
messages-progress-date-cannot-future = Data nie może być z przyszłości.
messages-round-enter-date-time-2026 = Podaj datę i godzinę, np. 2026-09-01T09:00, według zegarów w strefie czasowej edycji.
messages-round-give-round-title-3 = Nadaj edycji tytuł o długości od 3 do 200 znaków.
messages-round-keep-description-under-20 = Opis musi mieć mniej niż 20 000 znaków.
messages-round-use-three-letter-currency = Użyj trzyliterowego kodu waluty, np. EUR lub PLN.
messages-round-each-district-may-appear = Każda dzielnica może wystąpić tylko raz.
messages-round-district-budgets-city-wide = Budżety dzielnic i pula ogólnomiejska razem przekraczają budżet całkowity.
messages-round-choose-ballot-type = Wybierz rodzaj karty do głosowania.
messages-round-ballot-must-choose-least = Na karcie do głosowania trzeba wybrać co najmniej jeden projekt.
messages-round-maximum-cannot-below-minimum = Maksimum nie może być mniejsze niż minimum.
messages-round-say-how-many-points = Podaj, ile punktów rozdziela każdy głosujący (co najmniej 1).
messages-round-points-per-project-must = Liczba punktów na projekt musi wynosić od 1 do liczby punktów na głosującego.
messages-round-phragmen-needs-approval = Sekwencyjna metoda Phragména wymaga kart z aprobatą lub plecakowych.
messages-round-choose-counting-rule-list = Wybierz metodę liczenia głosów z listy.
messages-round-phases-must-follow-each = Etapy muszą następować po sobie: zgłaszanie propozycji, potem weryfikacja, potem głosowanie.
messages-round-voting-must-close-after = Koniec głosowania musi być późniejszy niż jego początek.
messages-round-minimum-age-above-120 = Minimalny wiek powyżej 120 lat wykluczyłby wszystkich.
messages-round-enter-reference-date-2026 = Podaj datę, na którą liczony jest wiek, np. 2026-09-01.
messages-round-choose-whether-ballot-final = Wybierz, czy oddany głos jest ostateczny, czy liczy się ostatnia karta.
messages-round-choose-how-voter-s = Wybierz, jak ustalana jest dzielnica głosującego.
messages-round-time-skipped = W strefie { $zone } zegary przy zmianie czasu pomijają tę godzinę; wybierz inną godzinę.
messages-round-frozen = Głosowanie już się rozpoczęło, więc zasady karty do głosowania, uprawnienia, dzielnice, projekty, koszty i metoda liczenia głosów nie mogą się już zmienić. Można jedynie przedłużyć termin zakończenia głosowania.
messages-round-enter-time-zone-europe = Podaj strefę czasową z bazy tz, np. Europe/Warsaw.
messages-round-give-whole-number-proposals = Podaj liczbę propozycji na osobę: liczbę całkowitą od 1 do 100.
messages-round-threshold-needs-supports-switched = Aby ustawić próg, włącz poparcia.
messages-round-give-supports-needed-whole = Podaj liczbę potrzebnych poparć (liczba całkowita od 1 do 100000) albo zostaw puste.
messages-round-say-why-closing-date = Napisz, dlaczego termin zakończenia jest przedłużany; uzasadnienie zostanie opublikowane.
messages-round-say-why-phase-changes = Napisz, dlaczego etap zmienia się wcześniej; uzasadnienie zostanie opublikowane.
messages-translation-give-translated-title-empty = Podaj przetłumaczony tytuł (albo wyczyść oba pola, aby usunąć tłumaczenie).
messages-proposal-title-too-long = Skróć tytuł do { $max } znaków (teraz: { $now }).
messages-proposal-description-too-long = Skróć opis do { $max } znaków (teraz: { $now }).
messages-translation-title-too-long = Tytuł nie może przekraczać { $max } znaków.
messages-translation-description-too-long = Opis nie może przekraczać { $max } znaków.
messages-survey-comment-too-long = Komentarz nie może przekraczać { $max } znaków.
messages-progress-note-too-long = Notatka nie może przekraczać { $max } znaków.
messages-progress-date-before-result = Data nie może być wcześniejsza niż data wyników ({ $date }).
messages-account-birth-year-range = Podaj rok od { $from } do { $to } albo zostaw to pole puste.
messages-password-too-short = Użyj co najmniej { $min } znaków; dobrze sprawdza się kilka niezwiązanych ze sobą słów.
messages-password-too-long = Hasło nie może przekraczać { $max } znaków.
messages-password-common = To hasło jest jednym z najczęściej używanych i łatwo je odgadnąć; wybierz inne.
messages-password-is-email = Nie używaj swojego adresu e-mail jako hasła.
messages-invalid-request = Żądanie jest nieprawidłowe.
messages-and-more = { $first } (inne problemy: { $count })

# Why a project was or was not funded (the count's explanation per project)
messages-result-funded = Sfinansowany; przed nim zostało { $left }.
messages-result-did-not-fit = Niesfinansowany: gdy przyszła jego kolej, zostało tylko { $left }.
messages-result-walk-stopped = Niesfinansowany: finansowanie zatrzymało się na projekcie { $project }, który się nie zmieścił.
messages-result-below-threshold = Niesfinansowany: poniżej progu { $threshold } głosów.
messages-result-withdrawn = Niesfinansowany: wycofany.
messages-result-mes-funded = Sfinansowany metodą równych udziałów: popierający zapłacili za niego wspólnie (efektywne poparcie { $support }).
messages-result-mes-unaffordable = Niesfinansowany: udziały popierających nie wystarczyły na jego pokrycie.
messages-result-filled-after-mes = Sfinansowany z pieniędzy pozostałych po podziale równymi udziałami (przed nim zostało { $left }).
messages-result-phragmen-funded = Sfinansowany metodą Phragména; przed nim zostało { $left }.
messages-result-no-support = Niesfinansowany: nikt na niego nie zagłosował.

# Why a request was refused
messages-accounts-account-longer-exists = To konto już nie istnieje.
messages-ballots-choose-least-1-project = Wybierz co najmniej 1 projekt.
messages-ballots-total-cost-too-large = Łączny koszt jest za wysoki.
messages-ballots-too-many-points = Za dużo punktów.
messages-ballots-give-least-1-point = Przyznaj co najmniej 1 punkt któremuś z projektów.
messages-ballots-voting-open-round = Głosowanie w tej edycji nie jest otwarte.
messages-ballots-voting-closed-round = Głosowanie w tej edycji już się zakończyło.
messages-ballots-voting-opened-yet-round = Głosowanie w tej edycji jeszcze się nie rozpoczęło.
messages-bulletin-ballot-tracking-code-check = Żadna karta do głosowania nie ma tego kodu weryfikacyjnego; sprawdź go znak po znaku.
messages-eligibility-line-1-header-must = wiersz 1: nagłówek musi zawierać nazwy kolumn document_number i birth_year (oraz opcjonalnie district).
messages-eligibility-round-does-accept-voting = Ta edycja nie przyjmuje kodów do głosowania; najpierw włącz je w ustawieniach edycji, w sekcji „Kto może głosować”.
messages-export-round-been-counted-yet = Głosy w tej edycji nie zostały jeszcze policzone; najpierw je policz.
messages-follow-up-there-project = Nie ma takiego projektu.
messages-follow-up-round-been-counted-yet = Głosy w tej edycji nie zostały jeszcze policzone, więc żaden projekt nie jest sfinansowany.
messages-import-file-projects = Plik nie zawiera żadnych projektów.

# Why a request was refused
messages-accounts-cannot-remove-own-council = Nie możesz odebrać sobie roli urzędu miasta; poproś o to inną osobę z urzędu miasta.
messages-ballots-vote-own-district-ballot = Możesz głosować tylko w swojej dzielnicy; na karcie do głosowania wskazano inną.
messages-ballots-choose-district-vote-round = Wybierz dzielnicę, w której głosujesz (jedną z dzielnic tej edycji).
messages-ballots-already-voted-round-each = Twój głos w tej edycji został już oddany; każdy może głosować tylko raz.
messages-ballots-person-already-voted-round = Ta osoba już zagłosowała w tej edycji.
messages-ballots-entered-ballot-already-second = Ta karta do głosowania została już przez Ciebie wprowadzona; aby ją potwierdzić, musi ją wprowadzić drugi urzędnik.
messages-counting-voting-still-open-round = Głosowanie w tej edycji wciąż trwa.
messages-counting-round-already-been-counted = Głosy w tej edycji zostały już policzone.
messages-eligibility-these-details-already-linked = Te dane są już powiązane z innym kontem. Jeśli to nie Ty, skontaktuj się z biurem partycypacji urzędu miasta.
messages-feedback-survey-link-valid-offered = Ten link do ankiety jest nieprawidłowy; ankieta jest proponowana tylko raz, zaraz po oddaniu głosu.
messages-feedback-already-answered-survey-thank = Twoje odpowiedzi na ankietę zostały już zapisane — dziękujemy.
messages-follow-up-funded-projects-implementation-follow = Informacje o stanie realizacji mają tylko sfinansowane projekty.
messages-proposals-proposals-submitted-while-round = Propozycje można zgłaszać tylko wtedy, gdy edycja jest na etapie zbierania propozycji.
messages-proposals-author-change-proposal = Tylko autor propozycji może ją zmienić.
messages-proposals-proposal-been-withdrawn = Ta propozycja została wycofana.
messages-proposals-proposals-changed-until-review = Propozycje można zmieniać tylko do rozpoczęcia weryfikacji.
messages-proposals-proposals-reviewed-during-review = Propozycje są weryfikowane tylko na etapie weryfikacji.
messages-proposals-round-does-collect-supports = W tej edycji nie zbiera się poparć.
messages-proposals-proposals-supported-while-they = Propozycje można popierać tylko w czasie ich zbierania.
messages-proposals-cannot-support-own-proposal = Nie możesz poprzeć własnej propozycji.
messages-proposals-already-support-proposal = Już popierasz tę propozycję.
messages-proposals-supports-changed-while-proposals = Poparcia można zmieniać tylko w czasie zbierania propozycji.
messages-proposals-do-support-proposal = Nie popierasz tej propozycji.
messages-proposals-already-reported-proposal-moderators = Ta propozycja została już przez Ciebie zgłoszona; moderatorzy się jej przyjrzą.
messages-proposals-proposals-merged-sent-back = Propozycje można łączyć lub odsyłać autorom do poprawy tylko do rozpoczęcia głosowania.
messages-proposals-changes-asked-proposals-awaiting = O zmiany można poprosić tylko na etapie weryfikacji i tylko w przypadku propozycji oczekujących na weryfikację.
messages-proposals-picture-larger-than-5 = Zdjęcie jest większe niż 5 MB.
messages-round-config-closing-date-extended-never = Termin zakończenia można tylko przedłużyć, nigdy przyspieszyć.
messages-round-config-voting-already-closed-closing = Głosowanie już się zakończyło; terminu zakończenia nie można już zmienić.
messages-round-config-count-ballots-before-publishing = Policz karty do głosowania przed opublikowaniem wyników.
messages-round-config-results-already-published-last = Wyniki są już opublikowane; to ostatni etap.
messages-extractors-log-continue = Zaloguj się, aby kontynuować.
messages-extractors-form-too-large = Formularz jest za duży.
messages-extractors-form-could-read = Nie udało się odczytać formularza.
messages-extractors-form-expired-did-come = Ten formularz wygasł albo nie pochodzi z tej strony; wróć, odśwież stronę i spróbuj ponownie.
messages-extractors-choose-file-upload = Wybierz plik do przesłania.
messages-middleware-requests-other-websites-cannot = Żądania z innych stron internetowych nie mogą tu niczego zmienić.
messages-middleware-there-nothing-address = Pod tym adresem nic nie ma.
messages-middleware-request-body-too-large = Treść żądania jest za duża.
messages-middleware-send-json-content-type = Wyślij dane JSON z nagłówkiem Content-Type: application/json.
messages-ballots-log-vote = Zaloguj się, aby zagłosować.
messages-proposals-proposal-picture = Ta propozycja nie ma zdjęcia.
messages-ballots-send-exactly-projects-ranking = Wyślij dokładnie jedno z pól: `projects`, `ranking` albo `points`.
messages-ballots-log-send-voting-code = Zaloguj się albo wyślij `voting_code`.
messages-ballots-two-entries-paper-ballot = Dwa wpisy tej papierowej karty do głosowania się różnią, więc oba zostały odrzucone: sprawdź papierową kartę do głosowania i wprowadź ją ponownie dwa razy.
messages-results-open-data-round-published = Otwarte dane tej edycji są publikowane razem z jej wynikami.
messages-results-round-been-counted-yet = Głosy w tej edycji nie zostały jeszcze policzone.
messages-round-admin-census-file-must-utf = Plik z rejestrem mieszkańców musi być tekstem w UTF-8.

# What is wrong with a ballot
messages-ballots-not-on-ballot = Projektu { $project } nie ma na tej karcie do głosowania (jest nieznany, wycofany, niewykonalny albo pochodzi z innej edycji lub dzielnicy).
messages-ballots-twice = Projekt { $project } występuje więcej niż raz.
messages-ballots-too-few = Wybierz co najmniej { $min } { $min ->
        [one] projekt
        [few] projekty
       *[many] projektów
    }; na tej karcie jest ich { $count }.
messages-ballots-too-many = Wybierz najwyżej { $max } { $max ->
        [one] projekt
        [few] projekty
       *[many] projektów
    }; na tej karcie jest ich { $count }.
messages-ballots-too-few-ranked = Przyznaj miejsca co najmniej { $min } { $min ->
        [one] projektowi
        [few] projektom
       *[many] projektom
    }; na tej karcie miejsce ma { $count }.
messages-ballots-too-many-ranked = Przyznaj miejsca najwyżej { $max } { $max ->
        [one] projektowi
        [few] projektom
       *[many] projektom
    }; na tej karcie miejsce ma { $count }.
messages-ballots-over-budget = Wybrane projekty kosztują łącznie { $total }, czyli więcej niż budżet wynoszący { $budget }.
messages-ballots-negative-points = Projekt { $project }: liczba punktów nie może być ujemna.
messages-ballots-points-cap = Projekt { $project }: najwyżej { $max } { $max ->
        [one] punkt
        [few] punkty
       *[many] punktów
    } na jeden projekt.
messages-ballots-points-over = Przyznano { $count } { $count ->
        [one] punkt
        [few] punkty
       *[many] punktów
    }, a do rozdzielenia jest { $max }.
messages-ballots-wrong-kind-approval = W tej edycji używa się kart z aprobatą (lista projektów).
messages-ballots-wrong-kind-knapsack = W tej edycji używa się kart plecakowych (lista projektów).
messages-ballots-wrong-kind-ranked = W tej edycji używa się kart rankingowych (projekty ustawione w kolejności).
messages-ballots-wrong-kind-cumulative = W tej edycji używa się kart z rozdziałem punktów (punkty dla poszczególnych projektów).
messages-ballots-code-unknown = Ten kod do głosowania nie jest ważny w tej edycji.
messages-ballots-code-used = Ten kod do głosowania został już użyty albo osoba, do której go wysłano, już zagłosowała w tym głosowaniu; każdy głosuje raz.
messages-unavailable = Usługa jest chwilowo niedostępna; spróbuj ponownie za minutę.
messages-internal = Coś poszło nie tak po naszej stronie.

# Who may vote in a round, requirement by requirement
messages-eligibility-age-unknown = Minimalny wiek głosujących w roku { $year } to { $age }, a nie znamy Twojego roku urodzenia.
messages-eligibility-age-unknown-step = Dodaj swój rok urodzenia na stronie swojego konta.
messages-eligibility-age-met = W roku { $year } osiągasz wymagany minimalny wiek ({ $age }).
messages-eligibility-age-not-met = Minimalny wiek głosujących w roku { $year } to { $age }.
messages-eligibility-age-not-met-step = Możesz wziąć udział w jednej z kolejnych edycji; już teraz możesz popierać propozycje.
messages-eligibility-census-met = Znaleźliśmy Cię w rejestrze mieszkańców.
messages-eligibility-census-not-met = Ta edycja jest otwarta dla osób z rejestru mieszkańców, a jeszcze nie odnaleźliśmy Cię w tym rejestrze.
messages-eligibility-census-step = Wpisz numer dokumentu i rok urodzenia w sprawdzeniu spisu, aby cię odnaleźć.
messages-eligibility-check-met = Urzędnik potwierdził, że możesz głosować.
messages-eligibility-check-not-met = W tej edycji urzędnik musi potwierdzić Twoją tożsamość.
messages-eligibility-check-step = Odwiedź punkt obsługi mieszkańców z dokumentem tożsamości.
messages-eligibility-district-verified = Głosujesz w dzielnicy, w której według potwierdzenia miasta mieszkasz.
messages-eligibility-district-verified-missing = Głosujesz w dzielnicy, w której według potwierdzenia miasta mieszkasz. Nie mamy dla Ciebie żadnej dzielnicy z tej edycji.
messages-eligibility-district-verified-step = Odszukaj się w rejestrze mieszkańców albo poproś urzędnika o potwierdzenie Twojego adresu.
messages-eligibility-district-declared = Głosujesz w dzielnicy, w której mieszkasz.
messages-eligibility-district-declared-missing = Głosujesz w dzielnicy, w której mieszkasz. Nie mamy dla Ciebie żadnej dzielnicy z tej edycji.
messages-eligibility-district-declared-step = Wybierz swoją dzielnicę na stronie swojego konta.

# Amounts and numbers typed into forms
messages-money-empty = Podaj kwotę.
messages-money-not-amount = „{ $text }” to nie jest kwota; zapisz ją np. jako 450000 lub 450 000,50.
messages-money-too-large = Ta kwota jest za duża.
messages-round-district-line = Dzielnica, wiersz { $line }: { $problem }
messages-round-district-line-form = Dzielnica, wiersz { $line }: zapisz go jako nazwa-dzielnicy=kwota, np. old-town=450000.
messages-round-count-min-choices = Podaj minimum jako liczbę całkowitą od 0 do 10000.
messages-round-count-max-choices = Podaj maksimum jako liczbę całkowitą od 0 do 10000.
messages-round-count-points-total = Podaj liczbę punktów na głosującego jako liczbę całkowitą od 0 do 10000.
messages-round-count-points-per-project = Podaj liczbę punktów na projekt jako liczbę całkowitą od 0 do 10000.
messages-round-count-min-age = Podaj minimalny wiek jako liczbę całkowitą od 0 do 10000.
messages-round-tie-break-problem = Rozstrzyganie remisów: { $problem }.

# What could not be found or read
messages-no-round = Nie ma edycji { $id }.
messages-no-proposal = Nie ma propozycji { $id }.
messages-proposal-merged-review-other = Ta propozycja została połączona z propozycją { $id }; zweryfikuj tamtą.
messages-proposal-already-merged = Ta propozycja została już połączona z propozycją { $id }.
messages-field-twice = Pole `{ $field }` wysłano więcej niż raz.
messages-file-too-large = Plik jest większy niż { $megabytes } MB.
messages-round-choose-voting-channels = Wybierz, jak głosują mieszkańcy: kontem, kontem lub kodem wysłanym pocztą, albo tylko kodem.
messages-round-accounts-and-codes-need-census = Konta i kody wysłane pocztą jednocześnie wymagają listy spisowej: kody wydaje się wtedy z niej, więc kto zagłosuje jednym, nie zagłosuje drugim. Wymagaj spisu albo pozwól głosować tylko kodami.
messages-round-check-needs-accounts = Sprawdzenie osobiste potwierdza konto; głosowanie wyłącznie kodami nie może go wymagać.
messages-eligibility-census-already-voted = Osoba, do której należą te dane, już zagłosowała w tym głosowaniu.
messages-codes-issue-from-census = To głosowanie sprawdza listę spisową albo pozwala głosować kontem: wydaj jego kody z listy spisowej, aby każdy kod należał do jednej osoby, a ta osoba głosowała raz (budgetbox codes generate --from-census PLIK).
messages-codes-no-census = Najpierw zaimportuj listę spisową głosowania: kody ze spisu należą do osób z tej listy.
messages-eligibility-codes-only = W tym głosowaniu głosuje się kodami wysłanymi pocztą do mieszkańców, a nie kontem.
messages-eligibility-codes-only-step = Wpisz kod z listu na stronie głosowania. Jeśli nie dostałeś listu, zapytaj w urzędzie.
messages-eligibility-check-needs-document = Wpisz numer okazanego dokumentu tożsamości (co najmniej 4 litery lub cyfry).
messages-eligibility-check-other-document = To konto sprawdzono już w tym głosowaniu z innym dokumentem tożsamości.
messages-eligibility-document-other-account = Ten dokument tożsamości potwierdza już inne konto w tym głosowaniu.
messages-counting-ballots-sealed-until-count = Karty tego głosowania są zapieczętowane do czasu liczenia; wcześniej nic z nich nie jest pokazywane.
messages-proposal-picture-unreadable = Nie można odczytać tego obrazu; może być uszkodzony lub za duży (najwyżej 10 000 pikseli na bok). Spróbuj innego pliku.
messages-account-too-many-registrations = Z tego połączenia zarejestrowano w ostatniej godzinie zbyt wiele kont; spróbuj później lub zapytaj w urzędzie.
messages-account-name-no-line-breaks = Wpisz imię w jednym wierszu, bez znaków nowego wiersza i tabulatorów.
messages-account-choose-language = Wybierz angielski (en), hiszpański (es) lub polski (pl).
messages-mail-already-verified = Twój adres jest już potwierdzony.
messages-mail-resend-wait = W ostatniej godzinie wysłano trzy linki; poczekaj, zanim poprosisz o kolejny, i sprawdź folder spam.
messages-mail-link-invalid = Tego linku nie można użyć: został już użyty, wygasł albo nie skopiowano go w całości. Poproś o nowy.
messages-eligibility-email-verified = Twój adres e-mail jest potwierdzony.
messages-eligibility-email-not-verified = To głosowanie wymaga potwierdzonego adresu e-mail, a twój nie jest jeszcze potwierdzony.
messages-eligibility-email-verify-step = Kliknij link w wiadomości wysłanej na twój adres; na stronie konta możesz poprosić o nowy.
messages-mail-reset-throttled = Z tego połączenia poproszono o zbyt wiele zmian hasła; odczekaj chwilę.
messages-round-threshold-needed = Wpisz minimalną liczbę głosów (lub punktów), której potrzebuje projekt – liczbę całkowitą większą od 0.
messages-eligibility-district-on-ballot = Głosujesz w dzielnicy, w której mieszkasz: wybierasz ją na karcie do głosowania.
messages-round-config-no-feasible-project = Głosowanie nie może się rozpocząć: w tym głosowaniu nie ma jeszcze żadnego wykonalnego projektu. Najpierw oceń propozycje; karta do głosowania byłaby pusta.
messages-comments-sign-in = Zaloguj się, aby dołączyć do dyskusji.
messages-comments-proposal-closed = Ta propozycja nie przyjmuje komentarzy: została wycofana lub ukryta.
messages-comments-closed-proposals-review = Komentarze są otwarte, gdy zbierane i oceniane są propozycje; teraz są zamknięte.
messages-comments-closed-proposals = Komentarze są otwarte tylko podczas zbierania propozycji; teraz są zamknięte.
messages-comments-closed-until-results = Komentarze są zamknięte w czasie głosowania, aby nikt nie agitował przy karcie; zostaną otwarte ponownie po głosowaniu.
messages-comments-closed-always = Komentarze zostaną otwarte, gdy runda zacznie zbierać propozycje.
messages-comments-never = Ta runda nie przyjmuje komentarzy.
messages-comments-verify-email = Potwierdź adres e-mail, aby komentować: kliknij link, który wysłaliśmy, albo poproś o nowy na stronie konta.
messages-comments-account-too-new = Nowe konta mogą komentować po { $days } dniach: twoje od { $date }.
messages-comments-no-comment = Nie ma komentarza { $id }.
messages-comments-empty = Napisz komentarz.
messages-comments-too-long = Komentarz może mieć najwyżej { $max } znaków; ten ma { $count }.
messages-comments-no-parent = Komentarz, na który odpowiadasz, nie dotyczy tej propozycji.
messages-comments-reply-to-reply = Odpowiedzi mają jeden poziom: odpowiedz na komentarz otwierający wątek.
messages-comments-parent-gone = Ten komentarz został usunięty lub ukryty, więc nie można na niego odpowiedzieć.
messages-comments-slow-down = Możesz napisać { $count } komentarzy co { $minutes } minut. Odczekaj chwilę i spróbuj ponownie.
messages-comments-not-yours = Tylko autor może zmienić lub usunąć komentarz.
messages-comments-gone = Ten komentarz został usunięty lub ukryty.
messages-comments-edit-too-late = Komentarz można edytować przez { $minutes } minut od napisania; tego nie można już zmienić.
messages-comments-already-reported = Ten komentarz został już przez ciebie zgłoszony; moderatorzy go sprawdzą.
messages-comments-already-hidden = Ten komentarz jest już ukryty.
messages-round-choose-comments = Wybierz, kiedy mieszkańcy mogą komentować.
messages-round-comment-days = Podaj liczbę całkowitą dni od 0 do 3650.
messages-comments-moderators-only = Tylko moderatorzy (recenzenci i urząd) mogą ukrywać komentarze.
messages-place-city-unknown = Miasto nie określiło jeszcze swojego obszaru, więc propozycja nie może mieć miejsca; opisz je słowami.
messages-place-outside-district = Ten punkt leży poza dzielnicą { $district }: wybierz punkt w dzielnicy albo inną dzielnicę.
messages-place-outside-city = Ten punkt leży poza miastem: wybierz punkt w jego granicach.
messages-place-box-corners = Róg południowo-zachodni musi leżeć na południe i na zachód od północno-wschodniego.
messages-place-no-district = Nie ma dzielnicy { $district }.
messages-place-bad-boundary = Nie można użyć granicy: { $why }.
messages-place-bad-line = Wiersz { $line }: { $why } Nic nie zmieniono.
messages-place-one-or-other = Wybierz miejsce z listy albo podaj współrzędne, nie oba naraz.
messages-place-bad-coordinates = Podaj szerokość i długość geograficzną w stopniach, oddzielone przecinkiem, np. 52.2297, 21.0122.
messages-place-no-such-place = Wybierz jedno z miejsc z listy.
