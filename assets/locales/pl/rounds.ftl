# Statusy projektów i rodzaje kart do głosowania, jak pokazuje je strona edycji
rounds-status-submitted = zgłoszony
rounds-status-feasible = wykonalny
rounds-status-infeasible = niewykonalny
rounds-status-withdrawn = wycofany
rounds-ballot-approval = Zaznacz każdy projekt, który popierasz
rounds-ballot-knapsack = Wybierz projekty w granicach budżetu swojej dzielnicy
rounds-ballot-ranked = Uszereguj projekty, które najbardziej Ci się podobają
rounds-ballot-cumulative = Rozdziel swoje punkty między projekty, które Ci się podobają
rounds-citywide = Całe miasto

# Strona edycji
rounds-vote-now = Zagłosuj teraz
rounds-all-proposals = Wszystkie propozycje wraz z decyzjami z weryfikacji
rounds-staff-nav = Pracownicy urzędu
rounds-staff-heading = Dla pracowników urzędu
rounds-staff-checks = Potwierdź tożsamość głosujących osobiście
rounds-staff-flags = Zgłoszone propozycje
rounds-staff-paper = Wprowadź papierowe karty do głosowania
rounds-staff-manage = Zarządzaj tą edycją
rounds-staff-feedback = Co głosujący napisali w ankiecie
rounds-staff-statistics = Kto wziął udział (do tej pory)
rounds-staff-implementation = Zapisz, co stało się ze sfinansowanymi projektami
rounds-bulletin-link = Tablica publiczna: wszystkie głosy i sprawdzenie Twojego
rounds-fact-budget = Łączny budżet
rounds-fact-ballot = Karta do głosowania
rounds-fact-proposals-open = Zgłaszanie propozycji od
rounds-fact-voting-opens = Głosowanie od
rounds-fact-voting-closes = Głosowanie do
rounds-fact-rule = Zasada liczenia głosów
# W nawiasie po kodzie zasady: "(remisy: <sposób>)"
rounds-fact-ties = remisy:
rounds-districts = Dzielnice
rounds-districts-caption = Budżet na dzielnicę
rounds-col-district = Dzielnica
rounds-col-budget = Budżet
rounds-projects = Projekty
rounds-projects-none = Nie zgłoszono jeszcze żadnego projektu.
rounds-projects-caption = { $count ->
        [one] { $number } projekt na karcie do głosowania
        [few] { $number } projekty na karcie do głosowania
        [many] { $number } projektów na karcie do głosowania
       *[other] { $number } projektu na karcie do głosowania
    }
rounds-projects-feasible-caption = { $count ->
        [one] { $number } projekt uznany dotąd za wykonalny
        [few] { $number } projekty uznane dotąd za wykonalne
        [many] { $number } projektów uznanych dotąd za wykonalne
       *[other] { $number } projektu uznanego dotąd za wykonalny
    }
rounds-projects-count = { $count ->
        [one] Jedna propozycja łącznie.
        [few] { $number } propozycje łącznie.
        [many] { $number } propozycji łącznie.
       *[other] { $number } propozycji łącznie.
    }
rounds-projects-list-link = Wszystkie propozycje i ich stan
rounds-col-project = Projekt
rounds-col-cost = Koszt
rounds-col-status = Status
rounds-project-funded = sfinansowany
rounds-project-not-funded = niesfinansowany

# Kto może głosować
rounds-census-matched = Znaleźliśmy Cię na liście mieszkańców.
rounds-who-can-vote = Kto może głosować
rounds-rule-min-age = { $count ->
        [one] Musisz mieć co najmniej { $count } rok.
        [few] Musisz mieć co najmniej { $count } lata.
        [many] Musisz mieć co najmniej { $count } lat.
       *[other] Musisz mieć co najmniej { $count } roku.
    }
rounds-rule-self-declared = Głosujesz na projekty z dzielnicy, w której mieszkasz.
rounds-rule-verified = Głosujesz w dzielnicy, w której według potwierdzenia miasta mieszkasz.
rounds-rule-census = Musisz być na miejskiej liście mieszkańców (poprosimy Cię o numer dokumentu i rok urodzenia).
rounds-rule-manual-check = Urzędnik musi osobiście potwierdzić Twoją tożsamość.
rounds-rule-anyone = Może głosować każdy, kto ma konto.
# Te dwa teksty tworzą jedno zdanie: "<Zaloguj się> i sprawdź, czy możesz głosować."
rounds-log-in-link = Zaloguj się
rounds-log-in-after = i sprawdź, czy możesz głosować.
rounds-can-vote = Możesz głosować w tej edycji.
rounds-cannot-vote = Nie możesz jeszcze głosować.
rounds-missing = Oto czego brakuje:
rounds-requirement-met = Spełnione:
rounds-requirement-not-yet = Jeszcze nie:
rounds-census-heading = Odszukaj się na liście mieszkańców
rounds-census-document = Numer dokumentu tożsamości
rounds-census-document-hint = Tak jak na dowodzie osobistym lub karcie pobytu. Porównujemy jednokierunkowy odcisk numeru; sam numer nie jest przechowywany.
rounds-census-birth-year = Rok urodzenia
rounds-census-check = Sprawdź
rounds-census-error-birth-year = Podaj rok urodzenia, np. 1975.
rounds-census-error-document = Podaj numer dokumentu tożsamości.
rounds-census-error-not-found = Nie znaleźliśmy tych danych na liście mieszkańców. Sprawdź numer dokumentu i rok urodzenia.

# Wyniki
rounds-results-heading = Wyniki
rounds-results-counted = { $count ->
        [one] Policzono { $ballots } głos: { $online } przez internet z konta, { $paper } na papierze, { $codes } z kodem do głosowania.
        [few] Policzono { $ballots } głosy: { $online } przez internet z konta, { $paper } na papierze, { $codes } z kodem do głosowania.
        [many] Policzono { $ballots } głosów: { $online } przez internet z konta, { $paper } na papierze, { $codes } z kodem do głosowania.
       *[other] Policzono { $ballots } głosu: { $online } przez internet z konta, { $paper } na papierze, { $codes } z kodem do głosowania.
    }
rounds-results-turnout = { $count ->
        [one] Frekwencja: { $voters } z { $eligible } osoby z listy mieszkańców ({ $percent }%).
       *[other] Frekwencja: { $voters } z { $eligible } osób z listy mieszkańców ({ $percent }%).
    }
# Razem jedno zdanie: "Budżet <kwota>, wydano <kwota> (zasada <zasada>, remisy <sposób>)."
rounds-pot-budget = Budżet
rounds-pot-spent = , wydano
rounds-pot-rule = zasada
rounds-pot-ties = remisy
rounds-chart-label = Głosy na projekt; sfinansowane projekty mają pełne słupki i oznaczenie „sfinansowany”
rounds-chart-funded = sfinansowany
rounds-chart-caption = Głosy na projekt. Nad linią przerywaną: projekty sfinansowane.
rounds-results-caption = Wszystkie projekty: najpierw sfinansowane, w kolejności wyboru
rounds-col-votes = Głosy
rounds-col-outcome = Wynik
# Przed uzasadnieniem, dlaczego projekt sfinansowano: "Sfinansowany. <uzasadnienie>"
rounds-funded = Sfinansowany

# Po głosowaniu
rounds-after-heading = Po głosowaniu
# Każdy link i tekst po nim tworzą jedno zdanie: "<Co stało się z moim głosem>: sfinansowane projekty, …"
rounds-after-implementation-link = Co stało się z moim głosem
rounds-after-implementation-text = : sfinansowane projekty, stan realizacji każdego z nich i projekty z Twojej karty do głosowania
rounds-after-statistics-link = Kto wziął udział
rounds-after-statistics-text = : głosujący i propozycje według dzielnicy, płci i wieku
rounds-open-data = Otwarte dane
# Razem jedno zdanie: "Pobierz projekty, głosy i wynik: CSV, JSON, a każdą pulę jako plik Pabulib: <pule>"
rounds-open-data-intro = Pobierz projekty, głosy i wynik:
rounds-open-data-pabulib = , a każdą pulę jako plik Pabulib:
rounds-open-data-citywide = pula ogólnomiejska
rounds-verify-heading = Sprawdź wynik
# Te dwa teksty tworzą jedno zdanie: "Wynik policzono na podstawie tablicy publicznej, której wierzchołek łańcucha to <skrót>."
rounds-verify-chain = Wynik policzono na podstawie tablicy publicznej, której wierzchołek łańcucha to
rounds-verify-chain-after = { "." }
# Te pięć tekstów tworzy jedno zdanie: "Każdy może policzyć go ponownie: pobierz podpisany <pakiet audytowy> i postępuj według instrukcji <jak sprawdzić wynik>."
rounds-verify-recount = Każdy może policzyć go ponownie: pobierz podpisany
rounds-verify-audit-link = pakiet audytowy
rounds-verify-recount-middle = i postępuj według instrukcji
rounds-verify-how-link = jak sprawdzić wynik
rounds-verify-recount-after = { "." }
rounds-change-log = Rejestr zmian

# Jak sprawdzić wynik
rounds-verify-title = Jak sprawdzić wynik
rounds-verify-lead = Nie musisz ufać temu serwerowi. Każda policzona edycja ma pakiet audytowy: jej zasady, każdą ich zmianę, każdy głos z tablicy publicznej i zapisany wynik, podpisane przez tę instalację.
rounds-verify-key-heading = Klucz podpisu tej instalacji
rounds-verify-key-text = Pakiety audytowe są podpisywane kluczem Ed25519, którego część publiczna to:
rounds-verify-steps = Kroki
rounds-verify-step-download = Na stronie edycji, po opublikowaniu wyników, pobierz pakiet audytowy (archiwum tar).
rounds-verify-step-program = Sprawdź go i policz głosy ponownie programem budgetbox, który nie potrzebuje bazy danych:
# Te dwa teksty tworzą jedno zdanie wokół słowa OK: "Program wypisze OK i sfinansowane projekty, …"
rounds-verify-step-prints = Program wypisze
rounds-verify-step-prints-after = i sfinansowane projekty albo każdy głos i projekt, które się nie zgadzają.
# Te trzy teksty tworzą jedno zdanie wokół dwóch poleceń: "Możesz też sprawdzić go innymi narzędziami: sha256sum -c MANIFEST sprawdza każdy plik, a folder pots zawiera …"
rounds-verify-step-tools = Możesz też sprawdzić go innymi narzędziami:
rounds-verify-step-tools-middle = sprawdza każdy plik, a folder
rounds-verify-step-tools-after = zawiera głosy jako pliki Pabulib, które odczytują inne programy do liczenia głosów (np. pabutools).
rounds-verify-step-own-code = Odszukaj swój kod weryfikacyjny na tablicy publicznej edycji, aby zobaczyć, że Twój głos jest w pakiecie i nie został zmieniony.
rounds-rule-verified-email = Adres e-mail twojego konta musi być potwierdzony: kliknij link z wiadomości wysłanej po rejestracji.
rounds-rule-codes-only = Głosujesz jednorazowym kodem z listu, który wysłało miasto; konto nie jest potrzebne.
rounds-rule-voting-codes-census = Możesz też zagłosować jednorazowym kodem z listu od miasta zamiast kontem: jedna karta na osobę, czymkolwiek zagłosujesz najpierw.
rounds-ranked-per-pot = Twój ranking liczy się osobno w każdej puli: wśród projektów ogólnomiejskich projekt, który umieściłeś najwyżej, dostaje punkty za pierwsze miejsce, następny za drugie i tak dalej; tak samo wśród projektów twojej dzielnicy.
rounds-rule-identity-provider = Potwierdzona tożsamość w miejskiej usłudze tożsamości: zaloguj się przez nią, aby głosować.
