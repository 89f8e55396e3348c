//! The page shell every voter page shares (skip link, menu, language
//! picker, footer), the error summary, and form fields with their labels,
//! hints and errors tied together for screen readers.

use super::Ctx;
use crate::domain::Language;
use crate::web::error::{ApiError, Body};
use crate::web::kit::escape::escape_into as escape;
use bytes::Bytes;
use foldhash::HashMap;
use http_body_util::Full;
use hyper::{Response, header};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::sync::{Arc, RwLock};

const STYLESHEET: &str = include_str!("../../../assets/style.css");

pub fn stylesheet() -> Response<Body> {
    Response::builder()
        .header(header::CONTENT_TYPE, "text/css; charset=utf-8")
        .header(header::CACHE_CONTROL, "public, max-age=86400")
        .body(Full::new(Bytes::from_static(STYLESHEET.as_bytes())))
        .unwrap_or_else(|e| ApiError::Internal(e.to_string()).into_response())
}

/// One problem of a form: the field's id and what to say.
pub struct Problem {
    pub field: &'static str,
    pub text: String,
}

/// The whole page. `problems` become the error summary at the top, each
/// linked to its field; the title says there is an error too.
pub fn page(ctx: &Ctx<'_>, title: &str, problems: Option<&[Problem]>, body: Markup) -> Markup {
    let problems = problems.filter(|p| !p.is_empty());
    let full_title = match problems {
        Some(_) => format!("{} {title} – {}", ctx.t("error-prefix"), ctx.t("site-name")),
        None => format!("{title} – {}", ctx.t("site-name")),
    };
    let here = if ctx.path.is_empty() {
        "/"
    } else {
        ctx.path.as_str()
    };
    let shell = shell(ctx, here, ctx.session().is_some());
    let mut out = String::with_capacity(shell.len() + body.0.len() + 512);
    out.push_str(&shell.before_title);
    escape(&full_title, &mut out);
    out.push_str(&shell.before_csrf);
    if !shell.after_csrf.is_empty() {
        escape(&ctx.csrf, &mut out);
        out.push_str(&shell.after_csrf);
    }
    if let Some(problems) = problems {
        out.push_str(
            &html! {
                div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" {
                    h2 id="error-summary-title" { (ctx.h("error-summary-title")) }
                    ul {
                        @for p in problems {
                            li { a href=(format!("#{}", p.field)) { (p.text) } }
                        }
                    }
                }
            }
            .0,
        );
    }
    out.push_str(&body.0);
    out.push_str(&shell.after_main);
    PreEscaped(out)
}

/// A page's frame, cut around its three holes: the title, the sign-out
/// form's token and the main content.
pub struct Shell {
    before_title: String,
    before_csrf: String,
    /// Empty when nobody is signed in (no sign-out form, no token).
    after_csrf: String,
    after_main: String,
}

impl Shell {
    fn len(&self) -> usize {
        self.before_title.len()
            + self.before_csrf.len()
            + self.after_csrf.len()
            + self.after_main.len()
    }
}

/// Frames made so far, by language, page and whether someone is signed in.
/// They depend on nothing else (kept with the texts they are made of), so every page view
/// reuses one instead of rendering menus and the language picker again.
pub type Shells = RwLock<HashMap<(Language, bool, &'static str), Arc<Shell>>>;

/// The pages whose frames are kept; others (not-found pages, pages whose
/// address holds a token) get theirs made each time.
const FRAMED: [&str; 10] = [
    "/",
    "/help",
    "/counties",
    "/sign-up",
    "/sign-up/next",
    "/confirm",
    "/sign-in",
    "/my-ballot",
    "/preferences",
    "/sign-up/choices",
];

/// Where the title, the form token and the content go: control characters
/// no text or URI holds.
const TITLE_HOLE: char = '\u{1}';
const CSRF_HOLE: char = '\u{2}';
const MAIN_HOLE: char = '\u{3}';

fn shell(ctx: &Ctx<'_>, here: &str, signed_in: bool) -> Arc<Shell> {
    let shells = &ctx.texts.shells;
    let Some(here) = FRAMED.iter().find(|p| **p == here) else {
        // A path carrying a hole's mark (no valid URI does) gets the home
        // page's language links, so the frame is cut in the right places.
        let here = if here.contains([TITLE_HOLE, CSRF_HOLE, MAIN_HOLE]) {
            "/"
        } else {
            here
        };
        return Arc::new(make_shell(ctx, here, signed_in));
    };
    let key = (ctx.lang, signed_in, *here);
    if let Some(s) = shells.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return s.clone();
    }
    let made = Arc::new(make_shell(ctx, here, signed_in));
    shells
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, made.clone());
    made
}

fn make_shell(ctx: &Ctx<'_>, here: &str, signed_in: bool) -> Shell {
    let lang = ctx.lang;
    let nav: [(&str, &str); 5] = if signed_in {
        [
            ("/", "nav-home"),
            ("/my-ballot", "nav-my-ballot"),
            ("/preferences", "nav-preferences"),
            ("/counties", "nav-counties"),
            ("/help", "nav-help"),
        ]
    } else {
        [
            ("/", "nav-home"),
            ("/sign-up", "nav-sign-up"),
            ("/sign-in", "nav-sign-in"),
            ("/counties", "nav-counties"),
            ("/help", "nav-help"),
        ]
    };
    let whole = html! {
        (DOCTYPE)
        html lang=(ctx.texts.profile(lang).html_lang()) dir=[ctx.texts.profile(lang).rtl.then_some("rtl")] {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (TITLE_HOLE) }
                link rel="stylesheet" href="/assets/style.css";
            }
            body {
                a class="skip" href="#main" { (ctx.h("skip-link")) }
                header {
                    div class="bar" {
                        a class="site" href=(ctx.href("/")) { (ctx.h("site-name")) }
                        nav aria-label=(ctx.h("nav-label")) {
                            ul {
                                @for (path, id) in &nav {
                                    li {
                                        @if *path == here {
                                            a href=(ctx.href(path)) aria-current="page" { (ctx.h(id)) }
                                        } @else {
                                            a href=(ctx.href(path)) { (ctx.h(id)) }
                                        }
                                    }
                                }
                                @if signed_in {
                                    li {
                                        form method="post" action=(ctx.href("/sign-out")) {
                                            input type="hidden" name="csrf" value=(CSRF_HOLE);
                                            button class="secondary" type="submit" { (ctx.h("nav-sign-out")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                nav class="langs" aria-label=(ctx.h("language-label")) {
                    ul {
                        @for p in ctx.texts.languages() {
                            li lang=(p.html_lang()) dir=[p.rtl.then_some("rtl")] {
                                @if p.language == lang {
                                    a href=(format!("/{}{here}", p.language)) aria-current="true" hreflang=(p.html_lang()) { strong { (p.endonym) } }
                                } @else {
                                    a href=(format!("/{}{here}", p.language)) hreflang=(p.html_lang()) { (p.endonym) }
                                }
                            }
                        }
                    }
                }
                main id="main" tabindex="-1" { (MAIN_HOLE) }
                footer { p { (ctx.h("footer-text")) } }
            }
        }
    }
    .into_string();
    let (before_title, rest) = whole.split_once(TITLE_HOLE).expect("title hole");
    let (before_main, after_main) = rest.split_once(MAIN_HOLE).expect("main hole");
    let (before_csrf, after_csrf) = before_main
        .split_once(CSRF_HOLE)
        .unwrap_or((before_main, ""));
    Shell {
        before_title: before_title.to_string(),
        before_csrf: before_csrf.to_string(),
        after_csrf: after_csrf.to_string(),
        after_main: after_main.to_string(),
    }
}

/// The problem of one field, if any.
pub fn problem_of<'a>(problems: &'a [Problem], field: &str) -> Option<&'a str> {
    problems
        .iter()
        .find(|p| p.field == field)
        .map(|p| p.text.as_str())
}

/// A text input with its label, hint and error, all tied by `aria-describedby`.
#[allow(clippy::too_many_arguments)]
pub fn text_field(
    id: &str,
    kind: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    autocomplete: &str,
    problems: &[Problem],
    class: Option<&str>,
) -> Markup {
    let error = problem_of(problems, id);
    let mut described = Vec::new();
    if hint.is_some() {
        described.push(format!("{id}-hint"));
    }
    if error.is_some() {
        described.push(format!("{id}-error"));
    }
    let described = described.join(" ");
    html! {
        div class=(if error.is_some() { "field has-error" } else { "field" }) {
            label for=(id) { (label) }
            @if let Some(h) = hint {
                p class="hint" id=(format!("{id}-hint")) { (h) }
            }
            @if let Some(e) = error {
                p class="field-error" id=(format!("{id}-error")) { (e) }
            }
            input type=(kind) id=(id) name=(id) value=(value) autocomplete=(autocomplete)
                class=[class]
                aria-describedby=[(!described.is_empty()).then_some(described.as_str())]
                aria-invalid=[error.map(|_| "true")];
        }
    }
}

/// The hidden CSRF field of every form.
pub fn csrf(ctx: &Ctx<'_>) -> Markup {
    html! { input type="hidden" name="csrf" value=(ctx.csrf); }
}

/// A notice at the top of a page (something done).
pub fn notice(text: &str) -> Markup {
    html! { div class="notice" role="status" { p { (text) } } }
}
