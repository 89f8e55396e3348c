//! A signed-in voter's pages: my ballot (status and timeline of every
//! election), my choices (language, contacts, hours), stopping messages and
//! deleting the sign-up; and the manage link of every message.

use super::form;
use super::info::date;
use super::layout::{self, Problem, csrf};
use super::signup::{self, Choices};
use super::text::Text;
use super::{Ctx, MANAGE_PURPOSE};
use crate::domain::{
    Ballot, BallotStatus, Channel, Direction, Election, Language, MessageKind, RowKind, VoterId,
};
use crate::service::portal::{self, Changes, VoterPage};
use crate::web::App;
use crate::web::Incoming;
use crate::web::error::{ApiError, Body};
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
            @let tz = page.subscription.as_ref().map_or_else(crate::domain::election::pacific, |s| s.tz());
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

fn preferences_page(
    ctx: &mut Ctx<'_>,
    index: usize,
    page: &VoterPage,
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
                            strong { (ctx.h(channel_label(ch))) } ": " (c.address)
                            br;
                            (ctx.t(if c.bad.is_some() { "contact-unreachable" } else if c.opted_out { "contact-stopped" } else if c.verified { "contact-confirmed" } else { "contact-unconfirmed" }))
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
fn chosen(voters: &[VoterId], index: &str) -> (usize, VoterId) {
    match index.parse::<usize>() {
        Ok(i) if i < voters.len() => (i, voters[i]),
        _ => (0, voters[0]),
    }
}

/// A posted form of a signed-in voter, with the voter it is about (its
/// index among the signed-in ones and id); `None` when nobody is signed in.
async fn signed_in_form(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Option<(form::Form, usize, VoterId)>, ApiError> {
    let f = form::read(ctx, req).await?;
    let Some(voters) = signed_in(ctx) else {
        return Ok(None);
    };
    let (index, voter) = chosen(&voters, f.get("voter"));
    Ok(Some((f, index, voter)))
}

async fn load(ctx: &Ctx<'_>, voter: VoterId) -> Result<VoterPage, ApiError> {
    ctx.app
        .blocking(move |s| portal::voter_page(s, voter))
        .await?
        .ok_or_else(|| ApiError::NotFound("no such voter".into()))
}

pub async fn preferences(ctx: &mut Ctx<'_>) -> Result<Response<Body>, ApiError> {
    let Some(voters) = signed_in(ctx) else {
        return Ok(ctx.redirect("/sign-in"));
    };
    let (index, voter) = chosen(&voters, &ctx.query_value("voter").unwrap_or_default());
    let page = load(ctx, voter).await?;
    let values = page
        .subscription
        .as_ref()
        .map_or_else(|| Choices::new(ctx), Choices::of);
    Ok(preferences_page(ctx, index, &page, &values, &[]))
}

pub async fn preferences_post(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let Some((f, index, voter)) = signed_in_form(ctx, req).await? else {
        return Ok(ctx.redirect("/sign-in"));
    };
    let values = Choices::read(&f);
    let checked = match signup::check(ctx, &values) {
        Ok(c) => c,
        Err(problems) => {
            let page = load(ctx, voter).await?;
            return Ok(preferences_page(ctx, index, &page, &values, &problems));
        }
    };
    let changes = Changes {
        language: Some(checked.language),
        hours: Some(checked.hours),
        time_zone: Some(checked.time_zone),
        contacts: Channel::ALL.into_iter().zip(checked.contacts).collect(),
    };
    let now = ctx.now();
    let codes = ctx
        .app
        .blocking(move |s| portal::change(s, voter, &changes, now))
        .await?;
    let lang = ctx.message_language(&values.language);
    ctx.lang = lang;
    if codes.is_empty() {
        return Ok(ctx.redirect(&format!("/preferences?voter={index}&done=saved")));
    }
    let unsent = signup::send_codes(ctx, &codes).await;
    Ok(ctx.redirect(&signup::confirm_path(&unsent)))
}

pub async fn stop_post(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let Some((f, index, voter)) = signed_in_form(ctx, req).await? else {
        return Ok(ctx.redirect("/sign-in"));
    };
    let restart = f.has("restart");
    let channels: Vec<Channel> = match f.get("channel") {
        "all" => Channel::ALL.to_vec(),
        c => Channel::parse(c).into_iter().collect(),
    };
    let now = ctx.now();
    ctx.app
        .blocking(move |s| {
            let sub = s.read()?.subscription(voter.key())?;
            for ch in channels {
                if sub.as_ref().is_some_and(|x| x.contact(ch).is_some()) {
                    portal::set_stopped(s, voter, ch, !restart, now)?;
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
    let Some((_, _, voter)) = signed_in_form(ctx, req).await? else {
        return Ok(ctx.redirect("/sign-in"));
    };
    let now = ctx.now();
    ctx.app
        .blocking(move |s| portal::delete(s, voter, now))
        .await?;
    let rest: Vec<VoterId> = signed_in(ctx)
        .unwrap_or_default()
        .into_iter()
        .filter(|v| *v != voter)
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

/// `/manage/{token}`: the link in every message signs its voter in and
/// opens their ballot page in their language.
pub async fn manage_link(app: &Arc<App>, token: &str) -> Response<Body> {
    let now = app.notifier.clock.now().as_second();
    let Some(voters) = app.notifier.signer().open(MANAGE_PURPOSE, token, now) else {
        return see_other("/en/sign-in", None);
    };
    let voters: Vec<VoterId> = voters.into_iter().map(VoterId::from_key).collect();
    let first = voters[0];
    let lang = app
        .store
        .read()
        .ok()
        .and_then(|r| r.subscription(first.key()).ok().flatten())
        .map_or(Language::EN, |s| {
            app.portal.texts().page_language(s.language)
        });
    let keys: Vec<u128> = voters.iter().map(|v| v.key()).collect();
    let session = app
        .notifier
        .signer()
        .seal(super::SESSION_PURPOSE, &keys, now + 3600);
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
