# The map of a round's proposals, its list, and the place fields of the proposal form.
map-link = Map of proposals
map-title = Map of proposals — { $round }
map-lead = Each proposal with a place is a marker on the map and an entry in the list below, which says the same in words.
map-region = Map of the proposals
map-no-tiles = The map's background could not be loaded; the markers are still shown.
map-filter-status = Status
map-filter-district = District
map-filter-category = Category
map-filter-from = Distances from
map-filter-from-hint = A place the council named, to sort each district's proposals by how near they are.
map-filter-submit = Show
map-list-heading = The proposals as a list ({ $n })
map-none = No proposal with a place matches.
map-without-point = { $count ->
    [one] One more proposal matches but has no place.
   *[other] { $n } more proposals match but have no place.
}
map-all-proposals = See all proposals
map-back = Back to the round
map-funded = Funded
map-not-funded = Not funded
map-metres = { $n } m
map-kilometres = { $n } km
map-distance-from = { $distance } from { $place }
map-coordinates = Coordinates: { $point }
map-see-on-map = see it on the map
map-where-legend = Where would it be?
map-where-hint = Optional. Pick one of the places the council listed, or give coordinates (latitude, longitude); with JavaScript, clicking the map fills them in.
map-place-label = A place from the list
map-point-label = Coordinates
map-point-hint = Latitude, then longitude, in degrees, e.g. 52.2297, 21.0122.
map-picker-region = Map to pick the place
