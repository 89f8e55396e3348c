//! Signing in without a password: a code sent to a confirmed contact. The
//! page says the same whether or not the contact is known.

use super::Ctx;
use super::form;
use super::layout::{self, Problem, csrf, text_field};
use crate::domain::subscription;
use crate::service::portal;
use crate::web::Incoming;
use crate::web::error::{ApiError, Body};
use hmac::{Hmac, Mac};
use hyper::{Request, Response, StatusCode};
use maud::html;
use sha2::Sha256;

fn contact_page(ctx: &mut Ctx<'_>, value: &str, problems: &[Problem]) -> Response<Body> {
    let title = ctx.t("signin-title");
    let notice = ctx
        .query_value("done")
        .filter(|d| d == "signed-out")
        .map(|_| ctx.t("signed-out"));
    let body = html! {
        h1 { (title) }
        @if let Some(n) = &notice { (layout::notice(n)) }
        p { (ctx.h("signin-intro")) }
        form method="post" action=(ctx.href("/sign-in")) novalidate {
            (csrf(ctx))
            (text_field("contact", "text", &ctx.t("field-contact"), None, value, "username", problems, None))
            button type="submit" { (ctx.h("button-continue")) }
        }
    };
    let page = layout::page(ctx, &title, Some(problems), body);
    ctx.page(StatusCode::OK, page)
}

pub fn contact_form(ctx: &mut Ctx<'_>) -> Response<Body> {
    contact_page(ctx, "", &[])
}

/// An email address or a phone number, in the form the store keeps it.
fn read_contact(s: &str) -> Option<String> {
    let s = s.trim();
    if s.contains('@') {
        subscription::parse_email(s).ok()
    } else {
        subscription::parse_phone(s).ok()
    }
}

fn contact_key(ctx: &Ctx<'_>, contact: &str) -> [u8; 16] {
    let mut m =
        Hmac::<Sha256>::new_from_slice(ctx.app.store.key(crate::store::KeyPurpose::AttemptLimits))
            .expect("any key length");
    m.update(b"sign-in-limit\0");
    m.update(contact.to_lowercase().as_bytes());
    let mut k = [0u8; 16];
    k.copy_from_slice(&m.finalize().into_bytes()[..16]);
    k
}

fn code_page(ctx: &mut Ctx<'_>, contact: &str, problems: &[Problem]) -> Response<Body> {
    let title = ctx.t("signin-code-title");
    let body = html! {
        h1 { (title) }
        p { (ctx.h("signin-code-intro")) }
        form method="post" action=(ctx.href("/sign-in/code")) novalidate {
            (csrf(ctx))
            input type="hidden" name="contact" value=(contact);
            (text_field("code", "text", &ctx.t("field-code"), None, "", "one-time-code", problems, Some("short")))
            button type="submit" { (ctx.h("signin-button")) }
        }
        p { a href=(ctx.href("/sign-in")) { (ctx.h("signin-other")) } }
    };
    let page = layout::page(ctx, &title, Some(problems), body);
    ctx.page(StatusCode::OK, page)
}

pub async fn contact_post(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let f = form::read(ctx, req).await?;
    let typed = f.get("contact").to_string();
    let Some(contact) = read_contact(&typed) else {
        let problems = [Problem {
            field: "contact",
            text: ctx.t("error-contact"),
        }];
        return Ok(contact_page(ctx, &typed, &problems));
    };
    if !ctx.allow(Some(contact_key(ctx, &contact))) {
        return Err(ApiError::TooManyRequests("too many attempts".into()));
    }
    let now = ctx.now();
    let c = contact.clone();
    let code = ctx
        .app
        .blocking(move |s| portal::begin_sign_in(s, &c, now))
        .await?;
    if let Some(code) = code {
        // Sent in the background: waiting for the provider would tell, by
        // the time taken, that the contact is known.
        let app = ctx.app.clone();
        tokio::spawn(async move {
            if let Err(e) = crate::notify::codes::send(
                &app.notifier,
                code.channel,
                &code.address,
                code.language,
                &code.code,
            )
            .await
            {
                tracing::warn!(channel = %code.channel, error = %e, "a sign-in code was not sent");
            }
        });
    }
    ctx.answer_floor().await;
    Ok(code_page(ctx, &contact, &[]))
}

pub async fn code_post(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let f = form::read(ctx, req).await?;
    let Some(contact) = read_contact(f.get("contact")) else {
        return Ok(ctx.redirect("/sign-in"));
    };
    let typed = f.get("code").to_string();
    if crate::domain::challenge::read_code(&typed).is_none() {
        let problems = [Problem {
            field: "code",
            text: ctx.t("error-code-format"),
        }];
        return Ok(code_page(ctx, &contact, &problems));
    }
    if !ctx.allow(Some(contact_key(ctx, &contact))) {
        return Err(ApiError::TooManyRequests("too many attempts".into()));
    }
    let now = ctx.now();
    let c = contact.clone();
    let (outcome, voters) = ctx
        .app
        .blocking(move |s| portal::finish_sign_in(s, &c, &typed, now))
        .await?;
    ctx.answer_floor().await;
    if outcome == portal::CodeOutcome::Confirmed && !voters.is_empty() {
        ctx.sign_in(&voters);
        return Ok(ctx.redirect("/my-ballot"));
    }
    let problems = [Problem {
        field: "code",
        text: ctx.t("error-code"),
    }];
    Ok(code_page(ctx, &contact, &problems))
}

pub async fn sign_out(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    form::read(ctx, req).await?;
    ctx.sign_out();
    Ok(ctx.redirect("/sign-in?done=signed-out"))
}
