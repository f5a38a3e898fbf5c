# Symulator zasad liczenia głosów (urząd miasta i audytorzy)
simulate-title = Porównaj zasady liczenia głosów: { $round }
simulate-lead = Te same karty do głosowania policzone na trzy sposoby: najpierw najwięcej głosów (greedy), metoda równych udziałów z uzupełnieniem Add1 oraz sekwencyjna metoda Phragména. Nic tutaj nie zmienia zasady ani wyniku tej edycji.
simulate-citywide = Cała gmina
# „Budżet <kwota>, 12 kart do głosowania.” to jedno zdanie: „simulate-budget”, kwota, potem „simulate-ballots” (z własną interpunkcją na początku)
simulate-budget = Budżet
simulate-ballots =
    { $count ->
        [one] , { $n } karta do głosowania.
        [few] , { $n } karty do głosowania.
        [many] , { $n } kart do głosowania.
       *[other] , { $n } karty do głosowania.
    }
simulate-caption = Projekty sfinansowane według każdej zasady (✓ sfinansowany, – niesfinansowany)
simulate-col-project = Projekt
simulate-col-cost = Koszt
simulate-funded = sfinansowany
simulate-not-funded = niesfinansowany
# Zasady nie dało się zastosować do tych kart
simulate-not-applicable = nie dotyczy
simulate-spent = Wydane środki
simulate-voters-funded = Głosujący z co najmniej jednym sfinansowanym projektem
simulate-voters-of = { $n } z { $total }
simulate-upload-title = Porównaj plik Pabulib
simulate-upload-file = Plik Pabulib (.pb)
simulate-upload-submit = Porównaj
