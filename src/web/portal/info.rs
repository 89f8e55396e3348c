//! Pages anyone can read: home, help, and which counties take part.

use super::Ctx;
use super::layout::{self, Problem};
use crate::domain::CountyCode;
use crate::domain::county_office::CountyOffice;
use crate::web::error::{ApiError, Body};
use hyper::{Response, StatusCode};
use maud::html;

/// A date as the voter's language writes it.
pub fn date(ctx: &Ctx<'_>, d: jiff::civil::Date) -> String {
    let catalog = ctx
        .app
        .notifier
        .catalog
        .read()
        .unwrap_or_else(|e| e.into_inner());
    crate::notify::render::long_date(&catalog, ctx.lang, None, d).unwrap_or_else(|_| d.to_string())
}

pub fn home(ctx: &mut Ctx<'_>) -> Response<Body> {
    let title = ctx.t("home-title");
    let body = html! {
        h1 { (title) }
        p { (ctx.h("home-intro")) }
        h2 { (ctx.h("home-how-title")) }
        ol class="steps" {
            li { (ctx.h("home-step-identify")) }
            li { (ctx.h("home-step-choose")) }
            li { (ctx.h("home-step-follow")) }
        }
        p { a class="button" href=(ctx.href("/sign-up")) { (ctx.h("home-sign-up")) } }
        p {
            (ctx.h("home-sign-in-text")) " "
            a href=(ctx.href("/sign-in")) { (ctx.h("home-sign-in")) }
        }
    };
    let page = layout::page(ctx, &title, None::<&[Problem]>, body);
    ctx.page(StatusCode::OK, page)
}

pub fn help(ctx: &mut Ctx<'_>) -> Response<Body> {
    let title = ctx.t("help-title");
    let hotline = CountyOffice::default().phone;
    let body = html! {
        h1 { (title) }
        @for (h, p) in [("help-what-title", "help-what"), ("help-who-title", "help-who"), ("help-privacy-title", "help-privacy"), ("help-stop-title", "help-stop")] {
            h2 { (ctx.h(h)) }
            p { (ctx.h(p)) }
        }
        h2 { (ctx.h("help-contact-title")) }
        p { (ctx.h_with("help-contact", &[("phone", &hotline)])) }
        p { a href=(ctx.href("/counties")) { (ctx.h("nav-counties")) } }
    };
    let page = layout::page(ctx, &title, None, body);
    ctx.page(StatusCode::OK, page)
}

/// Per election whose messages have not ended, the counties taking part.
pub async fn counties(ctx: &mut Ctx<'_>) -> Result<Response<Body>, ApiError> {
    let now = ctx.now();
    let elections = ctx
        .app
        .blocking(|s| Ok(s.read()?.elections()?))
        .await?
        .into_iter()
        .map(|(_, e)| e)
        .filter(|e| e.closes() > now)
        .collect::<Vec<_>>();
    let title = ctx.t("counties-title");
    let body = html! {
        h1 { (title) }
        p { (ctx.h("counties-intro")) }
        @if elections.is_empty() {
            p { (ctx.h("counties-none")) }
        }
        @for e in &elections {
            h2 { (ctx.h_with("counties-election", &[("election", &e.name), ("date", &date(ctx, e.date))])) }
            table {
                thead { tr { th scope="col" { (ctx.h("counties-county")) } th scope="col" { (ctx.h("counties-status")) } } }
                tbody {
                    @for c in CountyCode::all() {
                        tr {
                            th scope="row" { (c.name()) }
                            td { (if e.participates(c) { ctx.t("counties-taking-part") } else { ctx.t("counties-not-taking-part") }) }
                        }
                    }
                }
            }
        }
    };
    let page = layout::page(ctx, &title, None, body);
    Ok(ctx.page(StatusCode::OK, page))
}
