//! A signed-in voter's pages: my ballot (status and timeline of every
//! election), my choices (language, contacts, hours), stopping messages and
//! deleting the sign-up; and the manage link of every message.

use super::form;
use super::info::date;
use super::layout::{self, Problem, csrf};
use super::signup::{self, Choices};
use super::{Ctx, MANAGE_PURPOSE};
use crate::domain::{
    Ballot, BallotStatus, Channel, Direction, Election, Language, MessageKind, RowKind, VoterId,
};
use crate::service::account::{self as owned, Changes};
use crate::service::portal::{self, VoterPage};
use crate::signer::Grant;
use crate::web::App;
use crate::web::Incoming;
use crate::web::error::{ApiError, Body};
use crate::web::kit::escape::Text;
use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response, StatusCode, header};
use maud::{Markup, html};
use std::sync::Arc;

/// The signed-in voters, if any.
fn signed_in(ctx: &Ctx<'_>) -> Option<Vec<VoterId>> {
    ctx.session().filter(|v| !v.is_empty())
}

fn status_text(s: Option<BallotStatus>) -> &'static str {
    match s {
        None => "status-none",
        Some(BallotStatus::Issued | BallotStatus::Reissued) => "status-mailed",
        Some(BallotStatus::Inbound) => "status-inbound",
        Some(BallotStatus::Received) => "status-received",
        Some(BallotStatus::Accepted) => "status-accepted",
        Some(BallotStatus::NotAccepted) => "status-not-accepted",
        Some(BallotStatus::ContactCounty) => "status-contact-county",
        Some(BallotStatus::Undeliverable) => "status-undeliverable",
        Some(BallotStatus::InPerson) => "status-in-person",
    }
}

fn event_text(e: &Election, row: &crate::domain::BallotRow) -> &'static str {
    let kind = match &row.kind {
        RowKind::Scan {
            direction: Direction::Inbound,
            ..
        } => Some(MessageKind::Inbound),
        RowKind::Scan { .. } => Some(MessageKind::Outbound),
        RowKind::Status(code) => e.status_table.message_for(*code),
    };
    match kind {
        Some(MessageKind::Outbound) if row.seq > 1 => "event-mailed-again",
        Some(MessageKind::Outbound) => "event-mailed",
        Some(MessageKind::Reissued) => "event-mailed-again",
        Some(MessageKind::Inbound) => "event-inbound",
        Some(MessageKind::Received) => "event-received",
        Some(MessageKind::Accepted) => "event-accepted",
        Some(MessageKind::NotAccepted) => "event-not-accepted",
        Some(MessageKind::ContactCounty) => "event-contact-county",
        Some(MessageKind::Undeliverable) => "event-undeliverable",
        Some(MessageKind::InPerson) => "event-in-person",
        _ => "event-other",
    }
}

/// Every event of a ballot, oldest first, one line per change (repeated
/// scans of the same leg read as one).
fn timeline(ctx: &Ctx<'_>, e: &Election, b: &Ballot, tz: &jiff::tz::TimeZone) -> Markup {
    let mut lines: Vec<(jiff::civil::Date, &'static str)> = Vec::new();
    for ev in &b.events {
        let text = event_text(e, &ev.row);
        if lines.last().is_some_and(|(_, t)| *t == text) {
            continue;
        }
        let day = jiff::Timestamp::from_second(ev.row.at)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(tz.clone())
            .date();
        lines.push((day, text));
    }
    html! {
        ol class="timeline" {
            @for (day, text) in &lines {
                li {
                    time datetime=(Text(&day.to_string())) { (Text(&date(ctx, *day))) }
                    (ctx.h(text))
                }
            }
        }
    }
}

fn ballot_section(
    ctx: &Ctx<'_>,
    page: &VoterPage,
    entry: &portal::BallotEntry,
    current: bool,
    tz: &jiff::tz::TimeZone,
) -> Markup {
    let e = &entry.election;
    let b = &entry.ballot;
    let election_date = date(ctx, e.date);
    let heading = ctx.h_with(
        "ballot-election",
        &[("election", &e.name), ("date", &election_date)],
    );
    let open = !matches!(
        b.status,
        Some(
            BallotStatus::Received
                | BallotStatus::Accepted
                | BallotStatus::NotAccepted
                | BallotStatus::InPerson
                | BallotStatus::Inbound
                | BallotStatus::ContactCounty
        )
    );
    let county = page.record.county.name();
    let anchor = format!("election-{}", e.code);
    html! {
        section class="card" aria-labelledby=(Text(&anchor)) {
            @if current {
                h2 id=(Text(&anchor)) { (heading) }
            } @else {
                h3 id=(Text(&anchor)) { (heading) }
            }
            p { (ctx.h("ballot-status")) ": " span class="status" { (ctx.h(status_text(b.status))) } }
            @if current && open {
                p { (ctx.h_with("ballot-deadline-return", &[("date", &election_date)])) }
            }
            @if current && b.status == Some(BallotStatus::ContactCounty) {
                p { strong { (ctx.h_with("ballot-deadline-cure", &[("date", &date(ctx, e.cure_deadline))])) } }
            }
            @if current {
                h3 { (ctx.h("ballot-timeline")) }
            } @else {
                h4 { (ctx.h("ballot-timeline")) }
            }
            (timeline(ctx, e, b, tz))
            @if current {
                p {
                    (ctx.h_with("ballot-county-contact", &[("county", county), ("phone", &page.office.phone)]))
                    " "
                    a href=(Text(&page.office.web)) { (ctx.h("ballot-county-web")) }
                }
            }
        }
    }
}

pub async fn my_ballot(ctx: &mut Ctx<'_>) -> Result<Response<Body>, ApiError> {
    let Some(voters) = signed_in(ctx) else {
        return Ok(ctx.redirect("/sign-in"));
    };
    let pages = ctx.app.read_now(|s| {
        let mut out = Vec::new();
        for v in voters {
            if let Some(p) = portal::voter_page(s, v)? {
                out.push(p);
            }
        }
        Ok(out)
    })?;
    let now = ctx.now();
    let notice = match ctx.query_value("done").as_deref() {
        Some("confirmed") => Some(ctx.t("confirm-done")),
        _ => None,
    };
    let title = ctx.t("ballot-title");
    let body = html! {
        h1 { (Text(&title)) }
        @if let Some(n) = &notice { (layout::notice(n)) }
        @for page in &pages {
            @let name = page.record.first_name.clone();
            p { (ctx.h_with("ballot-voter", &[("name", &name), ("county", page.record.county.name())])) }
            @if page.ballots.is_empty() {
                p { (ctx.h("ballot-none")) }
            }
            @let tz = page.subscription.as_ref().map_or_else(crate::domain::pacific::pacific, |s| s.tz());
            @let (current, past): (Vec<_>, Vec<_>) = page.ballots.iter().partition(|b| b.election.closes() > now);
            @for entry in &current {
                (ballot_section(ctx, page, entry, true, &tz))
            }
            @if !past.is_empty() {
                h2 { (ctx.h("ballot-past")) }
                @for entry in &past {
                    (ballot_section(ctx, page, entry, false, &tz))
                }
            }
        }
    };
    let page = layout::page(ctx, &title, None, body);
    Ok(ctx.page(StatusCode::OK, page))
}

fn channel_label(ch: Channel) -> &'static str {
    match ch {
        Channel::Email => "channel-email",
        Channel::Sms => "channel-sms",
        Channel::Voice => "channel-voice",
    }
}

/// A contact as this sign-in may see it: in full if it came through it,
/// masked otherwise.
fn shown(grant: &Grant, ch: Channel, address: &str) -> String {
    if grant.owns(ch) {
        address.to_string()
    } else {
        crate::domain::subscription::masked(address)
    }
}

/// The choices form's values for this sign-in: its own contacts' settings
/// and addresses; others' contacts shown masked and locked.
fn own_choices(grant: &Grant, sub: &crate::domain::Subscription) -> Choices {
    let mut values = Choices::of(sub, &owned::own_settings(grant, sub));
    for (i, ch) in Channel::ALL.into_iter().enumerate() {
        if !owned::may_change(grant, sub, ch) {
            let address = sub.contact(ch).map_or("", |c| c.address.as_str());
            values.locked[i] = Some(shown(grant, ch, address));
            values.address[i] = String::new();
        }
    }
    values
}

fn preferences_page(
    ctx: &mut Ctx<'_>,
    index: usize,
    page: &VoterPage,
    grant: &Grant,
    values: &Choices,
    problems: &[Problem],
) -> Response<Body> {
    let title = ctx.t("preferences-title");
    let notice = match ctx.query_value("done").as_deref() {
        Some("saved") => Some(ctx.t("prefs-saved")),
        Some("stopped") => Some(ctx.t("stopped")),
        Some("restarted") => Some(ctx.t("restarted")),
        _ => None,
    };
    let voter = index;
    let body = html! {
        h1 { (title) }
        @if let Some(n) = &notice { (layout::notice(n)) }
        p { (ctx.h_with("ballot-voter", &[("name", &page.record.first_name), ("county", page.record.county.name())])) }
        @if let Some(sub) = &page.subscription {
            h2 { (ctx.h("preferences-contacts")) }
            ul class="contacts" {
                @for ch in Channel::ALL {
                    @if let Some(c) = sub.contact(ch) {
                        li {
                            strong { (ctx.h(channel_label(ch))) } ": " (shown(grant, ch, &c.address))
                            br;
                            (ctx.t(if c.bad.is_some() { "contact-unreachable" } else if c.opted_out { "contact-stopped" } else if c.verified { "contact-confirmed" } else { "contact-unconfirmed" }))
                            @if !grant.owns(ch) {
                                br;
                                (ctx.h("contact-not-yours"))
                            }
                            @if grant.owns(ch) {
                            form method="post" action=(ctx.href("/preferences/stop")) {
                                (csrf(ctx))
                                input type="hidden" name="voter" value=(voter);
                                input type="hidden" name="channel" value=(ch.name());
                                @if c.opted_out {
                                    input type="hidden" name="restart" value="1";
                                    button class="secondary" type="submit" { (ctx.h_with("restart-channel", &[("channel", &ctx.t(channel_label(ch)))])) }
                                } @else {
                                    button class="secondary" type="submit" { (ctx.h_with("stop-channel", &[("channel", &ctx.t(channel_label(ch)))])) }
                                }
                            }
                            }
                        }
                    }
                }
            }
            form method="post" action=(ctx.href("/preferences")) novalidate {
                (csrf(ctx))
                input type="hidden" name="voter" value=(voter);
                (signup::choices_fields(ctx, values, problems))
                button type="submit" { (ctx.h("button-save")) }
            }
        }
        h2 { (ctx.h("preferences-stop-title")) }
        p { (ctx.h("preferences-stop-intro")) }
        @if page.subscription.is_some() {
            form method="post" action=(ctx.href("/preferences/stop")) {
                (csrf(ctx))
                input type="hidden" name="voter" value=(voter);
                input type="hidden" name="channel" value="all";
                button class="secondary" type="submit" { (ctx.h("stop-all")) }
            }
        }
        h3 { (ctx.h("delete-title")) }
        p { (ctx.h("delete-intro")) }
        form method="post" action=(ctx.href("/preferences/delete")) {
            (csrf(ctx))
            input type="hidden" name="voter" value=(voter);
            button class="danger" type="submit" { (ctx.h("delete-button")) }
        }
    };
    let page = layout::page(ctx, &title, Some(problems), body);
    ctx.page(StatusCode::OK, page)
}

/// The voter a form or link is about: one of the signed-in voters (several
/// may share a household's contact), by position, never by id — ids stay
/// out of URLs. The first if it does not say.
fn chosen(grants: &[Grant], index: &str) -> (usize, Grant) {
    match index.parse::<usize>() {
        Ok(i) if i < grants.len() => (i, grants[i].clone()),
        _ => (0, grants[0].clone()),
    }
}

/// A posted form of a signed-in voter, with the voter it is about (its
/// index among the signed-in ones, and the sign-in's grant for it); `None`
/// when nobody is signed in.
async fn signed_in_form(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Option<(form::Form, usize, Grant)>, ApiError> {
    let f = form::read(ctx, req).await?;
    let Some(grants) = ctx.grants() else {
        return Ok(None);
    };
    let (index, grant) = chosen(&grants, f.get("voter"));
    Ok(Some((f, index, grant)))
}

async fn load(ctx: &Ctx<'_>, voter: VoterId) -> Result<VoterPage, ApiError> {
    ctx.app
        .blocking(move |s| portal::voter_page(s, voter))
        .await?
        .ok_or_else(|| ApiError::NotFound("no such voter".into()))
}

pub async fn preferences(ctx: &mut Ctx<'_>) -> Result<Response<Body>, ApiError> {
    let Some(grants) = ctx.grants() else {
        return Ok(ctx.redirect("/sign-in"));
    };
    let (index, grant) = chosen(&grants, &ctx.query_value("voter").unwrap_or_default());
    let page = load(ctx, VoterId::from_key(grant.voter)).await?;
    let values = page
        .subscription
        .as_ref()
        .map_or_else(|| Choices::new(ctx), |s| own_choices(&grant, s));
    Ok(preferences_page(ctx, index, &page, &grant, &values, &[]))
}

pub async fn preferences_post(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let Some((f, index, grant)) = signed_in_form(ctx, req).await? else {
        return Ok(ctx.redirect("/sign-in"));
    };
    let voter = VoterId::from_key(grant.voter);
    let mut values = Choices::read(&f);
    let checked = match signup::check(ctx, &values) {
        Ok(c) => c,
        Err(problems) => {
            let page = load(ctx, voter).await?;
            if let Some(sub) = &page.subscription {
                values.locked = own_choices(&grant, sub).locked;
            }
            return Ok(preferences_page(
                ctx, index, &page, &grant, &values, &problems,
            ));
        }
    };
    let changes = Changes {
        language: Some(checked.language),
        hours: Some(checked.hours),
        time_zone: Some(checked.time_zone),
        contacts: Channel::ALL.into_iter().zip(checked.contacts).collect(),
    };
    let now = ctx.now();
    let rules = ctx.app.portal.rules.clone();
    let codes = ctx
        .app
        .blocking(move |s| owned::change(s, &grant, &changes, &rules, now))
        .await?;
    let lang = ctx.message_language(&values.language);
    ctx.lang = lang;
    if codes.to_send.is_empty() && codes.held.is_empty() {
        // A changed contact ended sign-ins through it, this one's too: it
        // stays signed in through the contacts that did not change.
        refresh_session(ctx).await?;
        return Ok(ctx.redirect(&format!("/preferences?voter={index}&done=saved")));
    }
    refresh_session(ctx).await?;
    let unsent = signup::send_codes(ctx, &codes).await;
    Ok(ctx.redirect(&signup::confirm_path(&unsent, &codes.held)))
}

pub async fn stop_post(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let Some((f, index, grant)) = signed_in_form(ctx, req).await? else {
        return Ok(ctx.redirect("/sign-in"));
    };
    let restart = f.has("restart");
    // "All" is all of this sign-in's own contacts; another's is never stopped.
    let channels: Vec<Channel> = match f.get("channel") {
        "all" => Channel::ALL.to_vec(),
        c => Channel::parse(c).into_iter().collect(),
    };
    let now = ctx.now();
    ctx.app
        .blocking(move |s| {
            let sub = s.read()?.subscription(grant.voter)?;
            for ch in channels {
                if grant.owns(ch) && sub.as_ref().is_some_and(|x| x.contact(ch).is_some()) {
                    owned::set_stopped(s, &grant, ch, !restart, now)?;
                }
            }
            Ok(())
        })
        .await?;
    let done = if restart { "restarted" } else { "stopped" };
    Ok(ctx.redirect(&format!("/preferences?voter={index}&done={done}")))
}

pub async fn delete_post(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let Some((_, _, grant)) = signed_in_form(ctx, req).await? else {
        return Ok(ctx.redirect("/sign-in"));
    };
    let voter = VoterId::from_key(grant.voter);
    let now = ctx.now();
    ctx.app
        .blocking(move |s| owned::delete(s, &grant, now))
        .await?;
    let rest: Vec<_> = ctx
        .grants()
        .unwrap_or_default()
        .into_iter()
        .filter(|g| g.voter != voter.key())
        .collect();
    if rest.is_empty() {
        ctx.sign_out();
    } else {
        ctx.sign_in(&rest);
    }
    let title = ctx.t("delete-title");
    let body = html! {
        h1 { (title) }
        (layout::notice(&ctx.t("deleted")))
        p { a href=(ctx.href("/")) { (ctx.h("nav-home")) } }
    };
    let page = layout::page(ctx, &title, None, body);
    Ok(ctx.page(StatusCode::OK, page))
}

/// Seals the session again with the grants that still hold (after a
/// contact of it changed), or ends it if none do.
async fn refresh_session(ctx: &mut Ctx<'_>) -> Result<(), ApiError> {
    let Some(grants) = ctx.grants() else {
        return Ok(());
    };
    let current = ctx
        .app
        .blocking(move |s| owned::current_grants(s, grants))
        .await?;
    if current.is_empty() {
        ctx.sign_out();
    } else {
        ctx.sign_in(&current);
    }
    Ok(())
}

/// `/manage/{token}`: the link in every message signs its voter in and
/// opens their ballot page in their language — while the contact it was
/// sent to is still the voter's and nobody signed out through it since.
pub async fn manage_link(app: &Arc<App>, token: &str) -> Response<Body> {
    let now = app.now().as_second();
    let Some(grants) = app
        .notifier
        .signer()
        .open_grants(MANAGE_PURPOSE, token, now)
    else {
        return see_other("/en/sign-in", None);
    };
    let grants = match owned::current_grants(&app.store, grants) {
        Ok(g) if !g.is_empty() => g,
        Ok(_) => return see_other("/en/sign-in", None),
        Err(e) => return ApiError::from(e).into_response(),
    };
    let first = &grants[0];
    let lang = app
        .store
        .read()
        .ok()
        .and_then(|r| r.subscription(first.voter).ok().flatten())
        .map_or(Language::EN, |s| {
            let channel = first.through.first().map_or(Channel::Email, |(c, _)| *c);
            app.portal.texts().page_language(s.language_for(channel))
        });
    let session = app
        .notifier
        .signer()
        .seal_grants(super::SESSION_PURPOSE, &grants, now + 3600);
    let secure = if app.tls || app.notifier.public_url.starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    see_other(
        &format!("/{}/my-ballot", lang.code()),
        Some(format!(
            "bt_session={session}; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax{secure}"
        )),
    )
}

fn see_other(to: &str, cookie: Option<String>) -> Response<Body> {
    let mut b = Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, to);
    if let Some(c) = cookie {
        b = b.header(header::SET_COOKIE, c);
    }
    b.body(Full::new(Bytes::new()))
        .unwrap_or_else(|e| ApiError::Internal(e.to_string()).into_response())
}
