# Mapa propozycji rundy, jej lista i pola miejsca w formularzu propozycji.
map-link = Mapa propozycji
map-title = Mapa propozycji — { $round }
map-lead = Każda propozycja z miejscem jest znacznikiem na mapie i pozycją na liście poniżej, która mówi to samo słowami.
map-region = Mapa propozycji
map-no-tiles = Nie udało się wczytać tła mapy; znaczniki są nadal widoczne.
map-filter-status = Status
map-filter-district = Dzielnica
map-filter-category = Kategoria
map-filter-from = Odległości od
map-filter-from-hint = Miejsce wskazane przez urząd, aby uporządkować propozycje każdej dzielnicy od najbliższej.
map-filter-submit = Pokaż
map-list-heading = Propozycje jako lista ({ $n })
map-none = Żadna propozycja z miejscem nie pasuje.
map-without-point = { $count ->
    [one] Pasuje jeszcze jedna propozycja bez miejsca.
    [few] Pasują jeszcze { $n } propozycje bez miejsca.
   *[many] Pasuje jeszcze { $n } propozycji bez miejsca.
}
map-all-proposals = Zobacz wszystkie propozycje
map-back = Wróć do rundy
map-funded = Sfinansowana
map-not-funded = Niesfinansowana
map-metres = { $n } m
map-kilometres = { $n } km
map-distance-from = { $distance } od: { $place }
map-coordinates = Współrzędne: { $point }
map-see-on-map = zobacz na mapie
map-where-legend = Gdzie miałaby powstać?
map-where-hint = Opcjonalnie. Wybierz jedno z miejsc wskazanych przez urząd albo podaj współrzędne (szerokość, długość); z JavaScriptem kliknięcie mapy je uzupełnia.
map-place-label = Miejsce z listy
map-point-label = Współrzędne
map-point-hint = Najpierw szerokość, potem długość geograficzna, w stopniach, np. 52.2297, 21.0122.
map-picker-region = Mapa do wskazania miejsca
