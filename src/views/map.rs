//! A round's map page: filters, the map (drawn by `assets/map.js` with Leaflet when
//! JavaScript runs) and the same proposals as a list, which is the page without JavaScript and
//! the text equivalent of every marker. Also the place picker on the proposal form.

use maud::{html, Markup};

use super::components::{money, select};
use super::layout::{layout_for, Page, Viewer};
use crate::config::MapSettings;
use crate::domain::map::{MapQuery, Marker, RoundMap};
use crate::domain::place::{Extent, NamedPlace};
use crate::domain::rounds::RoundDetail;
use crate::domain::status::ProposalStatus;
use crate::error::FieldErrors;
use crate::i18n::{t, t_count, t_with, Lang};

fn extent_attr(extent: Option<Extent>) -> Option<String> {
    extent.map(|e| {
        format!(
            "{},{},{},{}",
            e.south_west.latitude,
            e.south_west.longitude,
            e.north_east.latitude,
            e.north_east.longitude
        )
    })
}

/// The empty box `assets/map.js` draws a map into; hidden until the script shows it, so a page
/// without JavaScript has no blank space.
pub fn map_box(
    lang: Lang,
    id: &str,
    tiles: &MapSettings,
    extent: Option<Extent>,
    label: &str,
) -> Markup {
    html! {
        link rel="stylesheet" href="/assets/vendor/leaflet/leaflet.css";
        div.map #(id) hidden role="region" aria-label=(label)
            data-tiles=(tiles.tile_url) data-attribution=(tiles.attribution)
            data-extent=[extent_attr(extent)]
            data-no-tiles=(t(lang, "map-no-tiles")) {}
        // Deferred: they run once the list they read is on the page.
        script src="/assets/vendor/leaflet/leaflet.js" defer {}
        script src="/assets/map.js" defer {}
    }
}

fn distance(lang: Lang, metres: f64) -> String {
    if metres < 1000.0 {
        t_with(
            lang,
            "map-metres",
            &[("n", &lang.number(metres.round() as i64))],
        )
    } else {
        t_with(
            lang,
            "map-kilometres",
            &[("n", &lang.decimal((metres / 100.0).round() / 10.0))],
        )
    }
}

fn status_text(lang: Lang, status: ProposalStatus) -> String {
    super::proposals::status_label(lang, status)
}

fn marker_item(lang: Lang, currency: &str, m: &Marker, from: Option<&NamedPlace>) -> Markup {
    let p = &m.project;
    let funded = match p.funded {
        Some(true) => Some(t(lang, "map-funded")),
        Some(false) => Some(t(lang, "map-not-funded")),
        None => None,
    };
    html! {
        li.marker-item id={"marker-" (p.id.0)}
            data-lat=(m.point.latitude) data-lon=(m.point.longitude)
            data-funded=[p.funded.map(|f| f.to_string())] {
            a.marker-title href={"/proposals/" (p.id.0)} { (p.title) }
            " — " span.marker-status { (status_text(lang, p.status)) } ", " (money(lang, p.cost, currency))
            @if let Some(f) = &funded { " — " strong.marker-funded { (f) } }
            @if let (Some(metres), Some(place)) = (m.metres, from) {
                br; (t_with(lang, "map-distance-from", &[("distance", &distance(lang, metres)), ("place", &place.name)]))
            }
            br; span.hint { (t_with(lang, "map-coordinates", &[("point", &m.point.to_string())])) }
        }
    }
}

pub fn page(
    viewer: &Viewer,
    round: &RoundDetail,
    map: &RoundMap,
    q: &MapQuery,
    tiles: &MapSettings,
) -> Markup {
    let lang = viewer.lang;
    let title = t_with(lang, "map-title", &[("round", &round.summary.title)]);
    let statuses: Vec<(String, String)> = ProposalStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), status_text(lang, *s)))
        .collect();
    let mut districts: Vec<(String, String)> = round
        .districts
        .iter()
        .map(|d| (d.slug.clone(), d.name.clone()))
        .collect();
    districts.push(("citywide".into(), t(lang, "proposals-citywide")));
    let categories: Vec<(String, String)> = round
        .categories
        .iter()
        .map(|c| (c.clone(), c.clone()))
        .collect();
    let places: Vec<(String, String)> = map
        .places
        .iter()
        .map(|p| (p.id.to_string(), p.name.clone()))
        .collect();
    let none = FieldErrors::default();
    let count: usize = map.groups.iter().map(|(_, m)| m.len()).sum();
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            p { (t(lang, "map-lead")) }
            form.filters method="get" action={"/rounds/" (round.summary.id) "/map"} {
                (select(lang, "status", &t(lang, "map-filter-status"), None, &statuses, q.status.as_deref().unwrap_or(""), &none))
                (select(lang, "district", &t(lang, "map-filter-district"), None, &districts, q.district.as_deref().unwrap_or(""), &none))
                @if !categories.is_empty() {
                    (select(lang, "category", &t(lang, "map-filter-category"), None, &categories, q.category.as_deref().unwrap_or(""), &none))
                }
                @if !places.is_empty() {
                    (select(lang, "from", &t(lang, "map-filter-from"), Some(t(lang, "map-filter-from-hint").as_str()), &places, q.from.as_deref().unwrap_or(""), &none))
                }
                button.button type="submit" { (t(lang, "map-filter-submit")) }
            }
            (map_box(lang, "round-map", tiles, map.extent, &t(lang, "map-region")))
            section aria-labelledby="map-list-heading" {
                h2 #map-list-heading { (t_with(lang, "map-list-heading", &[("n", &lang.number(count as i64))])) }
                @if count == 0 { p { (t(lang, "map-none")) } }
                @for (district, markers) in &map.groups {
                    h3 { (district.clone().unwrap_or_else(|| t(lang, "proposals-citywide"))) }
                    ul.marker-list {
                        @for m in markers { (marker_item(lang, &round.summary.currency, m, map.from.as_ref())) }
                    }
                }
                @if map.without_point > 0 {
                    p.hint { (t_count(lang, "map-without-point", map.without_point as i64, &[("n", &lang.number(map.without_point as i64))])) " "
                        a href={"/rounds/" (round.summary.id) "/proposals"} { (t(lang, "map-all-proposals")) } }
                }
            }
            p { a href={"/rounds/" (round.summary.id)} { (t(lang, "map-back")) } }
        },
    )
}

/// The place fields of the proposal form: a named place from the list, or coordinates (which
/// a map fills in when JavaScript runs).
pub fn picker(
    lang: Lang,
    tiles: &MapSettings,
    extent: Option<Extent>,
    places: &[(Option<String>, Vec<NamedPlace>)],
    point: &str,
    place: &str,
    errors: &FieldErrors,
) -> Markup {
    let field_error = |name: &str| errors.get(name).map(|m| m.text(lang));
    let (place_error, point_error) = (field_error("place"), field_error("point"));
    html! {
        fieldset #where {
            legend { (t(lang, "map-where-legend")) }
            p.hint { (t(lang, "map-where-hint")) }
            @if !places.is_empty() {
                div class={"field" @if place_error.is_some() { " field-error" }} {
                    label for="place" { (t(lang, "map-place-label")) " " (t(lang, "form-optional")) }
                    @if let Some(message) = &place_error { p.error id="place-error" { span.visually-hidden { (t(lang, "form-error-prefix")) " " } (message) } }
                    select id="place" name="place" aria-invalid=[place_error.as_ref().map(|_| "true")] aria-describedby=[place_error.as_ref().map(|_| "place-error")] {
                        option value="" selected[place.is_empty()] { "—" }
                        @for (district, list) in places {
                            optgroup label=(district.clone().unwrap_or_else(|| t(lang, "proposals-citywide"))) {
                                @for p in list {
                                    @let id = p.id.to_string();
                                    option value=(id) selected[id == place] { (p.name) }
                                }
                            }
                        }
                    }
                }
            }
            div class={"field" @if point_error.is_some() { " field-error" }} {
                label for="point" { (t(lang, "map-point-label")) " " (t(lang, "form-optional")) }
                p.hint #point-hint { (t(lang, "map-point-hint")) }
                @if let Some(message) = &point_error { p.error id="point-error" { span.visually-hidden { (t(lang, "form-error-prefix")) " " } (message) } }
                input #point type="text" name="point" value=(point) inputmode="decimal" autocomplete="off"
                    aria-invalid=[point_error.as_ref().map(|_| "true")]
                    aria-describedby={"point-hint" @if point_error.is_some() { " point-error" }};
            }
            (map_box(lang, "point-map", tiles, extent, &t(lang, "map-picker-region")))
        }
    }
}
