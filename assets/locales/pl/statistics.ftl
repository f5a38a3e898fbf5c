# Liczby
# Pokazywane, gdy liczby nie da się obliczyć (brak danych)
statistics-none = —
statistics-percent = { $value }%
statistics-days =
    { $count ->
        [one] { $n } dzień
       *[other] { $n } dni
    }
# Chronione komórki tabeli: liczba poniżej minimum oraz liczba ukryta, by nie dało się odtworzyć małych
statistics-cell-small = < { $min }
statistics-cell-hidden = —
statistics-not-published = Nie publikujemy: w tym zestawieniu jest tak mało osób, że można by kogoś zidentyfikować.
statistics-total = Razem

# Etykiety wierszy i kolumn zestawień
statistics-label-women = Kobiety
statistics-label-men = Mężczyźni
statistics-label-non-binary = Osoby niebinarne
statistics-label-not-stated = Nie podano
statistics-label-under-18 = Poniżej 18 lat
statistics-label-65-and-over = 65 lat i więcej
statistics-label-other-district = Inna lub nie podano
statistics-label-citywide = Cała gmina
statistics-label-voters = Głosujący
statistics-label-proposals = Propozycje
statistics-corner-district = Dzielnica
statistics-corner-age = Wiek

# Zaangażowanie
statistics-proposals-submitted = Zgłoszone propozycje
statistics-feasible = Wykonalne
statistics-funded = Sfinansowane
statistics-funded-value = { $n } ({ $percent } wykonalnych)
statistics-implemented = Zrealizowane
statistics-implemented-value = { $percent } sfinansowanych
statistics-median-days = Mediana czasu od wyników do realizacji

# Kto wziął udział w edycji
statistics-round-title = Kto wziął udział: { $round }
statistics-privacy = Aby chronić prywatność, liczba mniejsza niż { $min } osób jest pokazywana jako „< { $min }”. Kreska (—) oznacza większą liczbę ukrytą po to, by z sum nie dało się wyliczyć małej.
statistics-engagement = Zaangażowanie
statistics-not-frozen = Głosowanie wciąż trwa albo głosy w tej edycji nie zostały jeszcze policzone: te dane są dla pracowników i zostaną zamrożone po policzeniu głosów.
statistics-voters = Głosujący
statistics-voters-text =
    { $count ->
        [one] Głosujący z kontem, według dzielnicy zamieszkania i płci podanych w profilu oraz według wieku w dniu zakończenia głosowania. { $n } osoba głosowała kodem do głosowania; nie ma profilu i nie ujęto jej w tych tabelach.
        [few] Głosujący z kontem, według dzielnicy zamieszkania i płci podanych w profilu oraz według wieku w dniu zakończenia głosowania. { $n } osoby głosowały kodem do głosowania; nie mają profilu i nie ujęto ich w tych tabelach.
        [many] Głosujący z kontem, według dzielnicy zamieszkania i płci podanych w profilu oraz według wieku w dniu zakończenia głosowania. { $n } osób głosowało kodem do głosowania; nie mają profilu i nie ujęto ich w tych tabelach.
       *[other] Głosujący z kontem, według dzielnicy zamieszkania i płci podanych w profilu oraz według wieku w dniu zakończenia głosowania. { $n } osoby głosowały kodem do głosowania; nie mają profilu i nie ujęto ich w tych tabelach.
    }
statistics-voters-by-district = Głosujący według dzielnicy i płci
statistics-voters-by-age = Głosujący według wieku
statistics-proposals = Propozycje
statistics-proposals-by-district = Propozycje według dzielnicy i płci autora
statistics-proposals-by-age = Propozycje według wieku autora
statistics-back-to-round = Wróć do edycji

# Udział mieszkańców na przestrzeni lat
statistics-over-time-title = Udział mieszkańców na przestrzeni lat
statistics-over-time-none = Nie policzono jeszcze głosów w żadnej edycji.
statistics-over-time-caption = Udział i zaangażowanie w kolejnych rundach
statistics-col-round = Edycja
statistics-col-proposals = Propozycje
statistics-col-feasible = Wykonalne
statistics-col-funded = Sfinansowane (z wykonalnych)
statistics-col-implemented = Zrealizowane
statistics-col-median-days = Mediana dni do realizacji

# Co się stało z moim głosem (realizacja sfinansowanych projektów)
statistics-implementation-title = Co się stało z moim głosem: { $round }
statistics-implementation-lead = Wyniki policzono { $date }. Oto, co od tego czasu stało się z każdym sfinansowanym projektem.
statistics-funded-projects = Sfinansowane projekty
statistics-completed = Zrealizowane
statistics-cancelled = Anulowane
statistics-mine-title = Projekty z Twojej karty do głosowania
statistics-code = Twój kod weryfikacyjny
statistics-code-hint = Kod z potwierdzenia, np. 7K3M-Q9RT-…
statistics-code-other-round = Ten kod weryfikacyjny należy do innej edycji.
statistics-mine-submit = Pokaż moje projekty
statistics-mine-none = Na Twojej karcie nie było żadnego projektu z ostatecznej listy do głosowania.
statistics-mine-funded = sfinansowany — { $status }
statistics-mine-not-funded = niesfinansowany
statistics-no-funded = W tej edycji nie sfinansowano żadnego projektu.
# „Zrealizowany, wykonano 100%. Koszt 25 000 PLN. Zrealizowano 2026-09-01.”
statistics-project-done = wykonano { $percent }%.
statistics-project-cost = Koszt
statistics-project-completed = Zrealizowano { $date }.
statistics-record-progress-link = Zapisz postęp projektu { $title }

# Etapy sfinansowanego projektu
statistics-status-planned = Zaplanowany
statistics-status-in-progress = W realizacji
statistics-status-completed = Zrealizowany
statistics-status-cancelled = Anulowany
statistics-status-not-started = Nierozpoczęty

# Zapisywanie postępu (urząd miasta)
statistics-progress-title = Zapisz postęp: { $title }
statistics-progress-status = Status
statistics-progress-percent = Procent wykonania
statistics-progress-percent-hint = Od 0 do 100; puste pole oznacza 100 dla zrealizowanego projektu
statistics-progress-date = Data zdarzenia
statistics-progress-date-hint = RRRR-MM-DD; puste pole oznacza dzisiaj
statistics-progress-note = Informacja dla mieszkańców
statistics-progress-note-hint = Co się wydarzyło, prostymi słowami.
statistics-progress-submit = Zapisz ten etap
statistics-back-to-follow-up = Wróć do informacji o realizacji

# Odmowy pokazywane na stronie błędu
statistics-error-not-counted = głosy w tej edycji nie zostały jeszcze policzone
statistics-error-no-project = nie ma takiego projektu
statistics-voters-count = Głosujący
statistics-turnout = Frekwencja
statistics-turnout-value = { $voters } z { $eligible } osób ze spisu ({ $percent })
statistics-turnout-unknown = Nieznana: runda nie ma spisu uprawnionych, więc wiadomo, kto głosował, ale nie, ile osób mogło
statistics-col-voters = Głosujący
statistics-col-turnout = Frekwencja
statistics-over-time-turnout-note = Frekwencja to odsetek osób ze spisu uprawnionych, które głosowały; przy rundzie bez spisu widnieje „—”.
