//! The council's page for the city's named places, which residents pick instead of a point
//! on a map.

use maud::{html, Markup};

use super::components::{button, csrf_field, error_summary, flash, table, textarea};
use super::layout::{layout_for, Page, Viewer};
use crate::domain::place::{CityArea, NamedPlace};
use crate::error::FieldErrors;
use crate::i18n::{t, t_with};

pub fn page(
    viewer: &Viewer,
    area: &CityArea,
    districts: &[(i64, String)],
    places: &[NamedPlace],
    typed: &str,
    errors: &FieldErrors,
    notice: Option<&str>,
) -> Markup {
    let lang = viewer.lang;
    let title = t(lang, "places-title");
    let district_name = |id: Option<i64>| {
        id.and_then(|id| districts.iter().find(|(d, _)| *d == id))
            .map_or_else(|| t(lang, "proposals-citywide"), |(_, name)| name.clone())
    };
    let hint = t(lang, "places-csv-hint");
    layout_for(
        viewer,
        Page { title: &title },
        html! {
            @if let Some(message) = notice { (flash(message)) }
            h1 { (title) }
            (error_summary(lang, errors))
            p { @match area.bounding_box {
                Some((sw, ne)) => { (t_with(lang, "places-box", &[("sw", &sw.to_string()), ("ne", &ne.to_string())])) }
                None => { (t(lang, "places-no-box")) }
            } " " (t_with(lang, "places-boundaries", &[("n", &area.districts.len().to_string())])) }
            p.hint { (t(lang, "places-area-how")) }
            @if places.is_empty() {
                p { (t(lang, "places-none")) }
            } @else {
                div.table-scroll {
                    (table(html! { (t(lang, "places-caption")) },
                        html! { th scope="col" { (t(lang, "places-col-name")) } th scope="col" { (t(lang, "places-col-district")) } th scope="col" { (t(lang, "places-col-point")) } },
                        html! { @for p in places { tr { th scope="row" { (p.name) } td { (district_name(p.district_id)) } td { (p.point.to_string()) } } } }))
                }
            }
            form method="post" action="/council/places" novalidate {
                (csrf_field(&viewer.csrf))
                (textarea(lang, "places", &t(lang, "places-csv"), Some(hint.as_str()), typed, 10, errors))
                (button(&t(lang, "places-submit")))
            }
        },
    )
}
