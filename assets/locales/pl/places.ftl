# Strona urzędu z nazwanymi miejscami w mieście.
places-title = Nazwane miejsca
places-box = Obszar miasta to prostokąt od { $sw } do { $ne }.
places-no-box = Miasto nie ma określonego prostokąta.
places-boundaries = Dzielnice z granicą: { $n }.
places-area-how = Obszar i granice dzielnic ustawia się z wiersza poleceń (budgetbox area box, budgetbox area district). Propozycje przyjmują punkt dopiero, gdy jedno z nich jest ustawione.
places-none = Nie ma jeszcze nazwanych miejsc.
places-caption = Miejsca, które mieszkańcy mogą wybrać dla propozycji
places-col-name = Miejsce
places-col-district = Dzielnica
places-col-point = Szerokość, długość
places-csv = Lista w formacie CSV
places-csv-hint = Jedno miejsce w wierszu: dzielnica (jej krótka nazwa, puste dla całego miasta), nazwa, szerokość, długość. Pierwszy wiersz nazywa kolumny. Każde miejsce musi leżeć w mieście i w swojej dzielnicy; jeśli któreś nie leży, nic się nie zmienia.
places-submit = Zapisz listę
places-saved = Lista miejsc została zapisana.
