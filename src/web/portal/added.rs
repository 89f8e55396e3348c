//! The link in a notice that another contact joined a voter's sign-up:
//! `/contact-added/{lang}/{token}` sends a browser to the page in the told
//! contact's language, `/{lang}/contact-added/{token}`, which names the new
//! contact (masked) and asks before it removes it.

use super::layout::{self, csrf};
use super::{Ctx, form};
use crate::domain::Language;
use crate::domain::subscription::masked;
use crate::service::{account, contact_notices};
use crate::signer::Grant;
use crate::web::Incoming;
use crate::web::error::{ApiError, Body};
use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response, StatusCode, header};
use maud::html;

/// Where a browser opening the link goes: the page in `lang` if the pages
/// speak it, in English otherwise.
pub fn localized(app: &crate::web::App, lang: &str, token: &str) -> Response<Body> {
    let lang =
        Language::parse_code(lang).map_or(Language::EN, |l| app.portal.texts().page_language(l));
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(
            header::LOCATION,
            format!("/{}/contact-added/{token}", lang.code()),
        )
        .body(Full::new(Bytes::new()))
        .unwrap_or_else(|e| ApiError::Internal(e.to_string()).into_response())
}

/// The link's contacts that are still the ones that joined.
async fn still_holds(ctx: &Ctx<'_>, token: &str) -> Result<Option<Grant>, ApiError> {
    let now = ctx.now().as_second();
    let Some(link) = ctx.app.notifier.signer().open_contact(token, now) else {
        return Ok(None);
    };
    let grants = vec![link];
    let current = ctx
        .app
        .blocking(move |s| account::current_grants(s, grants))
        .await?;
    Ok(current.into_iter().next())
}

pub async fn page(ctx: &mut Ctx<'_>, token: &str) -> Result<Response<Body>, ApiError> {
    let title = ctx.t("added-title");
    if ctx.query_value("done").is_some() {
        let body = html! { h1 { (title) } (layout::notice(&ctx.t("added-removed"))) };
        let page = layout::page(ctx, &title, None, body);
        return Ok(ctx.page(StatusCode::OK, page));
    }
    let Some(link) = still_holds(ctx, token).await? else {
        let body = html! {
            h1 { (title) }
            p { (ctx.h("added-invalid")) }
            p { a href=(ctx.href("/sign-in")) { (ctx.h("nav-sign-in")) } }
        };
        let page = layout::page(ctx, &title, None, body);
        return Ok(ctx.page(StatusCode::NOT_FOUND, page));
    };
    let voter = link.voter;
    let sub = ctx
        .app
        .blocking(move |s| Ok(s.read()?.subscription(voter)?))
        .await?;
    let added: Vec<String> = link
        .through
        .iter()
        .filter_map(|(c, _)| sub.as_ref()?.contact(*c).map(|x| masked(&x.address)))
        .collect();
    let body = html! {
        h1 { (title) }
        @for contact in &added {
            p { (ctx.h_with("added-intro", &[("contact", contact)])) }
        }
        form method="post" action=(ctx.href(&format!("/contact-added/{token}"))) {
            (csrf(ctx))
            button type="submit" { (ctx.h("added-button")) }
        }
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
    let Some(link) = still_holds(ctx, token).await? else {
        return page(ctx, token).await;
    };
    let now = ctx.now();
    ctx.app
        .blocking(move |s| contact_notices::remove_added(s, &link, now))
        .await?;
    Ok(ctx.redirect(&format!("/contact-added/{token}?done=1")))
}
