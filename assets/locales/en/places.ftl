# The council's page for the city's named places.
places-title = Named places
places-box = The city's area is the box from { $sw } to { $ne }.
places-no-box = The city has no bounding box.
places-boundaries = Districts with a boundary: { $n }.
places-area-how = The area and the districts' boundaries are set with the command line (budgetbox area box, budgetbox area district). Proposals take a point only once one of them is set.
places-none = There are no named places yet.
places-caption = Places residents can pick for a proposal
places-col-name = Place
places-col-district = District
places-col-point = Latitude, longitude
places-csv = The list, as CSV
places-csv-hint = One place per line: district (its short name, empty for the whole city), name, latitude, longitude. The first line names the columns. Every place must lie in the city and in its district; if one does not, nothing changes.
places-submit = Save the list
places-saved = The list of places is saved.
