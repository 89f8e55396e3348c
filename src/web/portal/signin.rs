//! Signing in without a password: a code sent to a confirmed contact. The
//! page says the same whether or not the contact is known.

use super::Ctx;
use super::form;
use super::layout::{self, Problem, csrf, text_field};
use crate::domain::subscription;
use crate::service::portal;
use crate::web::Incoming;
use crate::web::error::{ApiError, Body};
use hyper::{Request, Response, StatusCode};
use maud::html;

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
    // Limited per client only: the caps per destination keep a contact from
    // being flooded with codes, and a stranger asking for codes to the
    // voter's contact must not lock the voter out of signing in with it.
    if let Err(r) = ctx.allow(None) {
        return Ok(ctx.too_many(r));
    }
    let now = ctx.now();
    let c = contact.clone();
    let caps = ctx.app.portal.rules.caps;
    let code = ctx
        .app
        .blocking(move |s| portal::begin_sign_in(s, &c, &caps, now))
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
    // A code takes five wrong tries, then a new one must be asked for (and
    // those are capped): guessing is bounded without a limit per contact
    // that a stranger could use up.
    if let Err(r) = ctx.allow(None) {
        return Ok(ctx.too_many(r));
    }
    let now = ctx.now();
    let c = contact.clone();
    let (outcome, grants) = ctx
        .app
        .blocking(move |s| portal::finish_sign_in(s, &c, &typed, now))
        .await?;
    ctx.answer_floor().await;
    if outcome == portal::CodeOutcome::Confirmed && !grants.is_empty() {
        ctx.sign_in(&grants);
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
    // Signing out ends the sign-in everywhere it was given through the same
    // contacts: a copied cookie or an old link no longer works.
    if let Some(grants) = ctx.grants() {
        let now = ctx.now();
        ctx.app
            .blocking(move |s| crate::service::account::sign_out(s, &grants, now))
            .await?;
    }
    ctx.sign_out();
    Ok(ctx.redirect("/sign-in?done=signed-out"))
}
