// Maps drawn with Leaflet over what the page already says in words. #round-map shows a marker
// for each item of the page's list of proposals (.marker-item), whose card opens from the
// marker by mouse or keyboard; #point-map lets a proposal's author click where the project
// would be, which fills in the coordinates field. Without this script (or without Leaflet)
// the list and the fields work alone. No inline code or style: the CSP allows neither.
(function () {
  'use strict';
  if (typeof L === 'undefined') { return; }

  function extentOf(box) {
    var e = (box.dataset.extent || '').split(',').map(Number);
    if (e.length !== 4 || !e.every(isFinite)) { return null; }
    return L.latLngBounds([e[0], e[1]], [e[2], e[3]]);
  }

  // The map with its tiles; when tiles cannot load, the markers stay on a plain background
  // and a line under the map says so.
  function baseMap(box) {
    box.hidden = false;
    var map = L.map(box, { keyboard: true });
    var tiles = L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution, maxZoom: 19 });
    var told = false;
    tiles.on('tileerror', function () {
      box.classList.add('no-tiles');
      if (told) { return; }
      told = true;
      var note = document.createElement('p');
      note.className = 'hint map-note';
      note.textContent = box.dataset.noTiles;
      box.parentNode.insertBefore(note, box.nextSibling);
    });
    tiles.addTo(map);
    var bounds = extentOf(box);
    if (bounds) { map.fitBounds(bounds); } else { map.setView([0, 0], 2); }
    return map;
  }

  var round = document.getElementById('round-map');
  if (round) {
    var map = baseMap(round);
    var points = [];
    Array.prototype.forEach.call(document.querySelectorAll('.marker-item'), function (item) {
      var lat = Number(item.dataset.lat);
      var lon = Number(item.dataset.lon);
      var title = item.querySelector('.marker-title').textContent;
      var funded = item.querySelector('.marker-funded');
      var name = funded ? title + ' — ' + funded.textContent : title;
      var marker = L.marker([lat, lon], { title: name, alt: name, keyboard: true });
      // The card is the list item's own words and link, copied.
      var card = document.createElement('div');
      card.className = 'marker-card';
      Array.prototype.forEach.call(item.childNodes, function (child) {
        card.appendChild(child.cloneNode(true));
      });
      marker.bindPopup(card);
      marker.addTo(map);
      var icon = marker.getElement();
      if (icon) {
        icon.id = 'pin-' + item.id;
        if (item.dataset.funded === 'true') { icon.classList.add('marker-funded-pin'); }
      }
      points.push([lat, lon]);
    });
    if (points.length && !extentOf(round)) { map.fitBounds(points); }
  }

  var picker = document.getElementById('point-map');
  var field = document.getElementById('point');
  if (picker && field) {
    var pmap = baseMap(picker);
    var pin = null;
    var put = function (latlng) {
      if (pin) { pin.setLatLng(latlng); } else { pin = L.marker(latlng, { keyboard: false, interactive: false }).addTo(pmap); }
    };
    var typed = field.value.split(/[\s,;]+/).filter(Boolean).map(Number);
    if (typed.length === 2 && typed.every(isFinite)) {
      put(typed);
      pmap.setView(typed, 16);
    }
    pmap.on('click', function (e) {
      put(e.latlng);
      field.value = e.latlng.lat.toFixed(6) + ', ' + e.latlng.lng.toFixed(6);
    });
    field.addEventListener('change', function () {
      var p = field.value.split(/[\s,;]+/).filter(Boolean).map(Number);
      if (p.length === 2 && p.every(isFinite)) { put(p); pmap.panTo(p); }
    });
  }
}());
