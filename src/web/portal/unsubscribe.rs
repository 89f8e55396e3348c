//! The link at the end of every email, in the voter's language:
//! `/unsubscribe/{token}` (also the RFC 8058 one-click address) sends a
//! browser to `/{lang}/unsubscribe/{token}`, which asks before it stops.

use super::layout::{self, csrf};
use super::{Ctx, form};
use crate::domain::Language;
use crate::service::subscriptions;
use crate::signer;
use crate::web::Incoming;
use crate::web::error::{ApiError, Body};
use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response, StatusCode, header};
use maud::html;

/// Where a browser opening the link goes: the page in the voter's language.
pub fn localized(app: &crate::web::App, token: &str) -> Response<Body> {
    let lang = signer::verify(app.store.keys(), token)
        .and_then(|(voter, _)| app.store.read().ok()?.subscription(voter).ok()?)
        .map_or(Language::EN, |s| {
            app.portal.texts().page_language(s.language)
        });
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(
            header::LOCATION,
            format!("/{}/unsubscribe/{token}", lang.code()),
        )
        .body(Full::new(Bytes::new()))
        .unwrap_or_else(|e| ApiError::Internal(e.to_string()).into_response())
}

/// An address as the page shows it: enough for the voter to recognise,
/// little for someone the email was forwarded to.
fn masked(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}…@{domain}")
        }
        None => {
            let digits: Vec<char> = address.chars().filter(char::is_ascii_digit).collect();
            let last: String = digits[digits.len().saturating_sub(4)..].iter().collect();
            format!("…{last}")
        }
    }
}

fn invalid(ctx: &mut Ctx<'_>) -> Response<Body> {
    let title = ctx.t("not-found-title");
    let body = html! { h1 { (title) } p { (ctx.h("not-found-text")) } };
    let page = layout::page(ctx, &title, None, body);
    ctx.page(StatusCode::NOT_FOUND, page)
}

pub async fn page(ctx: &mut Ctx<'_>, token: &str) -> Result<Response<Body>, ApiError> {
    let Some((voter, channel)) = signer::verify(ctx.app.store.keys(), token) else {
        return Ok(invalid(ctx));
    };
    let contact = ctx
        .app
        .blocking(move |s| Ok(s.read()?.subscription(voter)?))
        .await?
        .and_then(|s| s.contact(channel).map(|c| (c.address.clone(), c.opted_out)));
    let title = ctx.t("unsubscribe-title");
    let done = ctx.query_value("done").is_some() || contact.as_ref().is_some_and(|c| c.1);
    let body = html! {
        h1 { (title) }
        @match (&contact, done) {
            (None, _) | (_, true) => { (layout::notice(&ctx.t("stopped"))) }
            (Some((address, _)), false) => {
                p { (ctx.h_with("unsubscribe-intro", &[("contact", &masked(address))])) }
                form method="post" action=(ctx.href(&format!("/unsubscribe/{token}"))) {
                    (csrf(ctx))
                    button type="submit" { (ctx.h("unsubscribe-button")) }
                }
            }
        }
        p { a href=(ctx.href("/sign-in")) { (ctx.h("nav-sign-in")) } }
    };
    let page = layout::page(ctx, &title, None, body);
    Ok(ctx.page(StatusCode::OK, page))
}

pub async fn post(
    ctx: &mut Ctx<'_>,
    token: &str,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    form::read(ctx, req).await?;
    let Some((voter, channel)) = signer::verify(ctx.app.store.keys(), token) else {
        return Ok(invalid(ctx));
    };
    let now = ctx.now();
    ctx.app
        .blocking(move |s| subscriptions::unsubscribe(s, voter, channel, now))
        .await?;
    Ok(ctx.redirect(&format!("/unsubscribe/{token}?done=1")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses_are_masked() {
        assert_eq!(super::masked("ana.lopez@example.org"), "a…@example.org");
        assert_eq!(super::masked("+19165550123"), "…0123");
    }
}
