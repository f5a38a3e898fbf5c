//! Building blocks shared by pages: phase badges, money, cards, tables.

use maud::{html, Markup};

use crate::domain::rounds::Phase;
use crate::error::FieldErrors;
use crate::i18n::{t, Lang};

fn phase_key(phase: Phase) -> &'static str {
    match phase {
        Phase::Draft => "phase-draft",
        Phase::Proposals => "phase-proposals",
        Phase::Review => "phase-review",
        Phase::Voting => "phase-voting",
        Phase::Counting => "phase-counting",
        Phase::Results => "phase-results",
    }
}

/// The phase's name as a badge, then one sentence on what a resident can do now.
pub fn phase_line(phase: Phase, lang: Lang) -> Markup {
    let key = phase_key(phase);
    // The phase is written out, never conveyed by colour alone.
    html! {
        span class={"badge phase-" (format!("{phase:?}").to_lowercase())} { (t(lang, key)) }
        " " (t(lang, &format!("{key}-now")))
    }
}

pub fn money(lang: Lang, cents: i64, currency: &str) -> Markup {
    html! { span.money { (lang.amount(cents, currency)) } }
}

pub fn card(heading: Markup, body: Markup) -> Markup {
    html! { article.card { (heading) (body) } }
}

/// A definition list of label/value pairs.
pub fn facts(items: &[(&str, Markup)]) -> Markup {
    html! {
        dl.facts {
            @for (label, value) in items {
                div { dt { (label) } dd { (value) } }
            }
        }
    }
}

pub fn datetime(lang: Lang, at: chrono::NaiveDateTime) -> Markup {
    round_time(lang, at, chrono_tz::UTC)
}

/// A time of a round, as its residents' clocks show it (the round's time zone); the machine
/// readable attribute stays UTC.
pub fn round_time(lang: Lang, at: chrono::NaiveDateTime, zone: chrono_tz::Tz) -> Markup {
    html! { time datetime=(at.format("%Y-%m-%dT%H:%MZ")) { (lang.datetime_in(at, zone)) } }
}

/// The hidden CSRF field every form carries.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(token); }
}

/// A list of every problem at the top of a form, each linking to its field; focus moves here
/// so screen readers announce it.
pub fn error_summary(lang: Lang, errors: &FieldErrors) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.error-summary role="alert" aria-labelledby="error-summary-title" tabindex="-1" {
                h2 #error-summary-title { (t(lang, "form-problem")) }
                ul {
                    @for (field, message) in &errors.0 {
                        li { a href={"#" (field)} { (message.text(lang)) } }
                    }
                }
            }
        }
    }
}

pub struct Field<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub kind: &'a str,
    pub value: &'a str,
    pub hint: Option<&'a str>,
    pub autocomplete: Option<&'a str>,
    pub required: bool,
    pub conditional: bool,
}

impl<'a> Field<'a> {
    pub fn new(name: &'a str, label: &'a str) -> Self {
        Field {
            name,
            label,
            kind: "text",
            value: "",
            hint: None,
            autocomplete: None,
            required: false,
            conditional: false,
        }
    }
    pub fn kind(mut self, kind: &'a str) -> Self {
        self.kind = kind;
        self
    }
    pub fn value(mut self, value: &'a str) -> Self {
        self.value = value;
        self
    }
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }
    pub fn autocomplete(mut self, autocomplete: &'a str) -> Self {
        self.autocomplete = Some(autocomplete);
        self
    }
    /// Needed only under another choice on the form (its hint says which): neither
    /// "(optional)" nor `required`, since it is sometimes one and sometimes the other.
    pub fn conditional(mut self) -> Self {
        self.conditional = true;
        self
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
}

fn described_by(name: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let ids: Vec<String> = [(has_hint, "hint"), (has_error, "error")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, suffix)| format!("{name}-{suffix}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A labelled input with its hint and its error tied to it by `aria-describedby`.
pub fn input(lang: Lang, field: Field<'_>, errors: &FieldErrors) -> Markup {
    let error = errors.get(field.name);
    html! {
        div class={"field" @if error.is_some() { " field-error" }} {
            label for=(field.name) { (field.label) @if !field.required && !field.conditional { " " (t(lang, "form-optional")) } }
            @if let Some(hint) = field.hint { p.hint id={(field.name) "-hint"} { (hint) } }
            @if let Some(message) = error { p.error id={(field.name) "-error"} { span.visually-hidden { (t(lang, "form-error-prefix")) " " } (message.text(lang)) } }
            input id=(field.name) name=(field.name) type=(field.kind) value=(field.value)
                required[field.required]
                autocomplete=[field.autocomplete]
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[described_by(field.name, field.hint.is_some(), error.is_some())];
        }
    }
}

/// A labelled select; `options` are (value, label).
pub fn select(
    lang: Lang,
    name: &str,
    label: &str,
    hint: Option<&str>,
    options: &[(String, String)],
    selected: &str,
    errors: &FieldErrors,
) -> Markup {
    choice_list(lang, name, label, hint, options, selected, errors, false)
}

/// A list the form cannot do without: never labelled "(optional)", and its empty first entry
/// (shown only while nothing is chosen) asks for a choice instead of offering "none".
pub fn select_required(
    lang: Lang,
    name: &str,
    label: &str,
    hint: Option<&str>,
    options: &[(String, String)],
    selected: &str,
    errors: &FieldErrors,
) -> Markup {
    choice_list(lang, name, label, hint, options, selected, errors, true)
}

#[allow(clippy::too_many_arguments)]
fn choice_list(
    lang: Lang,
    name: &str,
    label: &str,
    hint: Option<&str>,
    options: &[(String, String)],
    selected: &str,
    errors: &FieldErrors,
    required: bool,
) -> Markup {
    let error = errors.get(name);
    html! {
        div class={"field" @if error.is_some() { " field-error" }} {
            label for=(name) { (label) @if !required { " " (t(lang, "form-optional")) } }
            @if let Some(hint) = hint { p.hint id={(name) "-hint"} { (hint) } }
            @if let Some(message) = error { p.error id={(name) "-error"} { span.visually-hidden { (t(lang, "form-error-prefix")) " " } (message.text(lang)) } }
            select id=(name) name=(name)
                aria-required=[required.then_some("true")]
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[described_by(name, hint.is_some(), error.is_some())] {
                @if !required {
                    option value="" selected[selected.is_empty()] { "—" }
                } @else if selected.is_empty() || !options.iter().any(|(v, _)| v == selected) {
                    option value="" selected { (t(lang, "form-choose")) }
                }
                @for (value, text) in options {
                    option value=(value) selected[value == selected] { (text) }
                }
            }
        }
    }
}

pub fn button(label: &str) -> Markup {
    html! { button.button type="submit" { (label) } }
}

pub fn flash(message: &str) -> Markup {
    html! { div.flash role="status" { p { (message) } } }
}

/// A labelled multi-line text field.
pub fn textarea(
    lang: Lang,
    name: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    rows: u32,
    errors: &FieldErrors,
) -> Markup {
    let error = errors.get(name);
    html! {
        div class={"field" @if error.is_some() { " field-error" }} {
            label for=(name) { (label) }
            @if let Some(hint) = hint { p.hint id={(name) "-hint"} { (hint) } }
            @if let Some(message) = error { p.error id={(name) "-error"} { span.visually-hidden { (t(lang, "form-error-prefix")) " " } (message.text(lang)) } }
            textarea id=(name) name=(name) rows=(rows)
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[described_by(name, hint.is_some(), error.is_some())] { (value) }
        }
    }
}

/// A checkbox with its label after it.
pub fn checkbox(name: &str, label: &str, checked: bool) -> Markup {
    html! {
        div.field.checkbox {
            input type="checkbox" id=(name) name=(name) value="on" checked[checked];
            label for=(name) { (label) }
        }
    }
}

/// Radio buttons in a fieldset; `options` are (value, label).
pub fn radios(
    lang: Lang,
    name: &str,
    legend: &str,
    options: &[(&str, &str)],
    selected: &str,
    errors: &FieldErrors,
) -> Markup {
    let error = errors.get(name);
    html! {
        fieldset class={"field" @if error.is_some() { " field-error" }} id=(name) aria-describedby=[error.map(|_| format!("{name}-error"))] {
            legend { (legend) }
            @if let Some(message) = error { p.error id={(name) "-error"} { span.visually-hidden { (t(lang, "form-error-prefix")) " " } (message.text(lang)) } }
            @for (value, text) in options {
                div.radio {
                    input type="radio" id={(name) "-" (value)} name=(name) value=(value) checked[*value == selected];
                    label for={(name) "-" (value)} { (text) }
                }
            }
        }
    }
}

/// Links to the previous and next pages of a long list, and where the reader is; `href`
/// gives a page's address. Nothing when everything fits on one page.
pub fn pagination(
    lang: Lang,
    label: &str,
    page: i64,
    pages: i64,
    href: impl Fn(i64) -> String,
) -> Markup {
    html! {
        @if pages > 1 {
            nav.pagination aria-label=(label) {
                ul {
                    @if page > 1 { li { a href=(href(page - 1)) rel="prev" { (t(lang, "pages-previous")) } } }
                    li { span aria-current="page" { (crate::i18n::t_with(lang, "pages-of", &[("page", &lang.number(page)), ("pages", &lang.number(pages))])) } }
                    @if page < pages { li { a href=(href(page + 1)) rel="next" { (t(lang, "pages-next")) } } }
                }
            }
        }
    }
}

/// A data table: its caption says what it holds, `head` is the column headers (`th`), `body`
/// the rows. Wider than a phone, it scrolls inside itself, never the page; it is focusable so
/// keyboard users can scroll it too (named by its caption).
pub fn table(caption: Markup, head: Markup, body: Markup) -> Markup {
    html! {
        table tabindex="0" {
            caption { (caption) }
            thead { tr { (head) } }
            tbody { (body) }
        }
    }
}

/// A data table with total rows under the body.
pub fn table_with_totals(caption: Markup, head: Markup, body: Markup, totals: Markup) -> Markup {
    html! {
        table tabindex="0" {
            caption { (caption) }
            thead { tr { (head) } }
            tbody { (body) }
            tfoot { (totals) }
        }
    }
}

/// A round's change log as a table, oldest first: (when, what changed, why).
pub fn change_log<'a>(
    lang: Lang,
    zone: chrono_tz::Tz,
    entries: &[(chrono::NaiveDateTime, &'a str, &'a str)],
) -> Markup {
    html! {
        @if entries.is_empty() {
            p { (t(lang, "changes-none")) }
        } @else {
            (table(html! { (t(lang, "changes-caption")) }, html! { th scope="col" { (t(lang, "changes-when")) } th scope="col" { (t(lang, "changes-what")) } th scope="col" { (t(lang, "changes-why")) } }, html! {
                    @for (at, what, reason) in entries {
                        tr { td { (round_time(lang, *at, zone)) } td { (what) } td { (reason) } }
                    }
                }))
        }
    }
}
