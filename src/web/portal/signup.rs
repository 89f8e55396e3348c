//! Signing up as the state's guidance describes: who you are (name, date of
//! birth, ZIP code), the VoteCal id when several voters match, one guidance
//! page when none can sign up, then how and when to be told, then the codes.

use super::Ctx;
use super::flows::Flow;
use super::form::{self, Form};
use super::layout::{self, Problem, csrf, text_field};
use crate::domain::signup::{self, Field, FieldError, IdentityForm, Match};
use crate::domain::subscription::{self, Contact};
use crate::domain::{Channel, Hours, Language, Subscription, VoterId};
use crate::service::portal;
use crate::web::Incoming;
use crate::web::error::{ApiError, Body};
use hyper::{Request, Response, StatusCode};
use maud::{Markup, html};

const FLOW_COOKIE: &str = "bt_flow";

/// A sign-up step: a title, an intro, one form of `fields` posted to
/// `action`, and the errors of its last try.
fn step_page(
    ctx: &mut Ctx<'_>,
    (title_id, intro_id): (&str, &str),
    action: &str,
    fields: maud::Markup,
    problems: &[Problem],
) -> Response<Body> {
    let title = ctx.t(title_id);
    let body = html! {
        h1 { (title) }
        p { (ctx.h(intro_id)) }
        form method="post" action=(ctx.href(action)) novalidate {
            (csrf(ctx))
            (fields)
            button type="submit" { (ctx.h("button-continue")) }
        }
    };
    let page = layout::page(ctx, &title, Some(problems), body);
    ctx.page(StatusCode::OK, page)
}

fn identity_page(ctx: &mut Ctx<'_>, values: &IdentityForm, problems: &[Problem]) -> Response<Body> {
    let fields = html! {
        (text_field("first_name", "text", &ctx.t("field-first-name"), None, &values.first_name, "given-name", problems, None))
        (text_field("last_name", "text", &ctx.t("field-last-name"), None, &values.last_name, "family-name", problems, None))
        (text_field("dob", "text", &ctx.t("field-dob"), Some(&ctx.t("field-dob-hint")), &values.dob, "bday", problems, Some("short")))
        (text_field("zip", "text", &ctx.t("field-zip"), Some(&ctx.t("field-zip-hint")), &values.zip, "postal-code", problems, Some("short")))
    };
    step_page(
        ctx,
        ("signup-title", "signup-intro"),
        "/sign-up",
        fields,
        problems,
    )
}

pub fn identity_form(ctx: &mut Ctx<'_>) -> Response<Body> {
    identity_page(ctx, &IdentityForm::default(), &[])
}

fn field_problem(ctx: &Ctx<'_>, field: Field, e: FieldError) -> Problem {
    let (id, text) = match (field, e) {
        (Field::FirstName, FieldError::Missing) => ("first_name", "error-first-name-missing"),
        (Field::FirstName, _) => ("first_name", "error-name-too-long"),
        (Field::LastName, FieldError::Missing) => ("last_name", "error-last-name-missing"),
        (Field::LastName, _) => ("last_name", "error-name-too-long"),
        (Field::Dob, FieldError::Missing) => ("dob", "error-dob-missing"),
        (Field::Dob, FieldError::NoSuchDate) => ("dob", "error-dob-invalid"),
        (Field::Dob, _) => ("dob", "error-dob-format"),
        (Field::Zip, _) => ("zip", "error-zip-format"),
    };
    Problem {
        field: id,
        text: ctx.t(text),
    }
}

/// Starts (or restarts) the flow at `flow`, and goes to the next step.
fn go_next(ctx: &mut Ctx<'_>, flow: Flow) -> Response<Body> {
    if let Some(old) = ctx.cookie(FLOW_COOKIE).map(str::to_string) {
        ctx.app.portal.flows.end(&old);
    }
    let id = ctx.app.portal.flows.start(flow);
    ctx.set_cookie(FLOW_COOKIE, &id, 30 * 60);
    ctx.redirect("/sign-up/next")
}

fn current_flow(ctx: &Ctx<'_>) -> Option<Flow> {
    ctx.app.portal.flows.get(ctx.cookie(FLOW_COOKIE)?)
}

/// The identity form posted. Whatever the outcome, the answer is the same
/// see-other with a fresh flow cookie, no sooner than the answer floor.
pub async fn identity_post(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let f = form::read(ctx, req).await?;
    let values = IdentityForm {
        first_name: f.get("first_name").to_string(),
        last_name: f.get("last_name").to_string(),
        dob: f.get("dob").to_string(),
        zip: f.get("zip").to_string(),
    };
    let identity = match signup::read_identity(&values) {
        Ok(i) => i,
        Err(errors) => {
            let problems: Vec<Problem> = errors
                .into_iter()
                .map(|(field, e)| field_problem(ctx, field, e))
                .collect();
            return Ok(identity_page(ctx, &values, &problems));
        }
    };
    let key = portal::lookup_key(&ctx.app.store, &identity);
    if let Err(r) = ctx.allow(Some(key.0)) {
        return Ok(ctx.too_many(r));
    }
    let found = ctx
        .app
        .blocking(move |s| portal::lookup(s, &identity))
        .await?;
    let flow = match found {
        Match::One(v) => Flow::Identified(v),
        Match::Several(_) => Flow::Several(key),
        Match::NoMatch => Flow::NoMatch,
    };
    ctx.answer_floor().await;
    Ok(go_next(ctx, flow))
}

/// The step the flow is at.
pub async fn next(ctx: &mut Ctx<'_>) -> Result<Response<Body>, ApiError> {
    match current_flow(ctx) {
        None => Ok(ctx.redirect("/sign-up")),
        Some(Flow::NoMatch) => Ok(no_match(ctx)),
        Some(Flow::Several(_)) => Ok(voter_id_page(ctx, "", &[])),
        Some(Flow::Identified(_)) => {
            let values = Choices::new(ctx);
            Ok(choices_page(ctx, &values, &[]))
        }
        Some(Flow::Confirming(_)) => Ok(ctx.redirect("/confirm")),
    }
}

/// One page for every reason a sign-up cannot go on; it does not say which.
fn no_match(ctx: &mut Ctx<'_>) -> Response<Body> {
    let title = ctx.t("no-match-title");
    let body = html! {
        h1 { (title) }
        p { (ctx.h("no-match-intro")) }
        ul class="causes" {
            @for id in ["no-match-cause-typo", "no-match-cause-recent", "no-match-cause-status", "no-match-cause-overseas", "no-match-cause-format"] {
                li { (ctx.h(id)) }
            }
        }
        h2 { (ctx.h("no-match-lookup")) }
        p {
            (ctx.h("no-match-lookup-text")) " "
            a href="https://voterstatus.sos.ca.gov/" { (ctx.h("no-match-lookup")) }
        }
        p {
            (ctx.h("no-match-county")) " "
            a href="https://www.sos.ca.gov/elections/voting-resources/county-elections-offices" { (ctx.h("no-match-county-link")) }
        }
        p { a class="button" href=(ctx.href("/sign-up")) { (ctx.h("no-match-again")) } }
    };
    let page = layout::page(ctx, &title, None, body);
    ctx.page(StatusCode::OK, page)
}

fn voter_id_page(ctx: &mut Ctx<'_>, value: &str, problems: &[Problem]) -> Response<Body> {
    let fields = html! {
        (text_field("voter_id", "text", &ctx.t("field-voter-id"), Some(&ctx.t("field-voter-id-hint")), value, "off", problems, None))
    };
    step_page(
        ctx,
        ("voter-id-title", "voter-id-intro"),
        "/sign-up/voter-id",
        fields,
        problems,
    )
}

pub async fn voter_id_post(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let f = form::read(ctx, req).await?;
    let Some(Flow::Several(key)) = current_flow(ctx) else {
        return Ok(ctx.redirect("/sign-up"));
    };
    let typed = f.get("voter_id").trim().to_ascii_uppercase();
    if VoterId::parse(&typed).is_none() {
        let problems = [Problem {
            field: "voter_id",
            text: ctx.t("error-voter-id-format"),
        }];
        return Ok(voter_id_page(ctx, &typed, &problems));
    }
    if let Err(r) = ctx.allow(Some(key.0)) {
        return Ok(ctx.too_many(r));
    }
    let chosen = ctx
        .app
        .blocking(move |s| portal::choose(s, key, &typed))
        .await?;
    ctx.answer_floor().await;
    Ok(go_next(ctx, chosen.map_or(Flow::NoMatch, Flow::Identified)))
}

/// The "how and when" form's values, as typed.
#[derive(Clone, Debug)]
pub struct Choices {
    pub language: String,
    pub want: [bool; 3],
    pub address: [String; 3],
    pub from: String,
    pub to: String,
    pub time_zone: String,
    /// Per channel: another's contact, shown masked, that this form cannot change.
    pub locked: [Option<String>; 3],
}

impl Choices {
    pub fn new(ctx: &Ctx<'_>) -> Self {
        let d = &ctx.app.defaults;
        Self {
            language: ctx.lang.code().to_string(),
            want: [false; 3],
            address: Default::default(),
            from: minutes(d.hours.start()),
            to: minutes(d.hours.end()),
            time_zone: d.time_zone.clone(),
            locked: Default::default(),
        }
    }

    /// The sign-up's contacts, with `settings` (one contact's own).
    pub fn of(sub: &Subscription, settings: &crate::domain::subscription::ContactSettings) -> Self {
        let addr = |c: Channel| {
            sub.contact(c)
                .map(|x| x.address.clone())
                .unwrap_or_default()
        };
        Self {
            language: settings.language.code().to_string(),
            want: Channel::ALL.map(|c| sub.contact(c).is_some()),
            address: Channel::ALL.map(addr),
            from: minutes(settings.hours.start()),
            to: minutes(settings.hours.end()),
            time_zone: settings.time_zone.clone(),
            locked: Default::default(),
        }
    }

    pub fn read(f: &Form) -> Self {
        Self {
            language: f.get("language").to_string(),
            want: Channel::ALL.map(|c| f.has(&format!("want_{}", c.name()))),
            address: Channel::ALL.map(|c| f.get(c.name()).trim().to_string()),
            from: f.get("from").to_string(),
            to: f.get("to").to_string(),
            time_zone: f.get("time_zone").to_string(),
            locked: Default::default(),
        }
    }
}

fn minutes(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// What the choices come to, checked: language, contacts, hours, zone.
pub struct Checked {
    pub language: Language,
    pub contacts: [Option<String>; 3],
    pub hours: Hours,
    pub time_zone: String,
}

/// Checks the choices; every problem at once.
pub fn check(ctx: &Ctx<'_>, c: &Choices) -> Result<Checked, Vec<Problem>> {
    let mut problems = Vec::new();
    let language = ctx.message_language(&c.language);
    let mut contacts: [Option<String>; 3] = Default::default();
    for (i, ch) in Channel::ALL.into_iter().enumerate() {
        if !c.want[i] {
            continue;
        }
        let parsed = match ch {
            Channel::Email => subscription::parse_email(&c.address[i]),
            Channel::Sms | Channel::Voice => subscription::parse_phone(&c.address[i]),
        };
        let countries = &ctx.app.portal.rules.countries;
        match parsed {
            Ok(a) if ch != Channel::Email && !subscription::phone_allowed(&a, countries) => {
                problems.push(Problem {
                    field: ch.name(),
                    text: ctx.t("error-phone-country"),
                })
            }
            Ok(a) => contacts[i] = Some(a),
            Err(_) => problems.push(Problem {
                field: ch.name(),
                text: ctx.t(if ch == Channel::Email {
                    "error-email"
                } else {
                    "error-phone"
                }),
            }),
        }
    }
    if !c.want.iter().any(|w| *w) {
        problems.push(Problem {
            field: "want_email",
            text: ctx.t("error-no-channel"),
        });
    }
    let hours = format!("{}-{}", c.from, c.to).parse::<Hours>();
    if hours.is_err() {
        problems.push(Problem {
            field: "from",
            text: ctx.t("error-hours"),
        });
    }
    let zone = subscription::parse_time_zone(&c.time_zone);
    if zone.is_err() {
        problems.push(Problem {
            field: "time_zone",
            text: ctx.t("error-time-zone"),
        });
    }
    match (hours, zone) {
        (Ok(hours), Ok(time_zone)) if problems.is_empty() => Ok(Checked {
            language,
            contacts,
            hours,
            time_zone,
        }),
        _ => Err(problems),
    }
}

/// Time zones offered: California's first, then the rest of the United
/// States, then every other zone.
fn zones() -> &'static [String] {
    static ZONES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ZONES.get_or_init(|| {
        let first = [
            "America/Los_Angeles",
            "America/Denver",
            "America/Phoenix",
            "America/Chicago",
            "America/New_York",
            "America/Anchorage",
            "Pacific/Honolulu",
        ];
        let mut rest: Vec<String> = jiff::tz::db()
            .available()
            .map(|n| n.to_string())
            .filter(|n| n.contains('/') && !n.starts_with("Etc/") && !first.contains(&n.as_str()))
            .collect();
        rest.sort();
        first.iter().map(|s| s.to_string()).chain(rest).collect()
    })
}

/// The fields of the "how and when" form, shared by sign-up and "My choices".
pub fn choices_fields(ctx: &Ctx<'_>, v: &Choices, problems: &[Problem]) -> Markup {
    let hours: Vec<String> = (0..=24).map(|h| format!("{h:02}:00")).collect();
    let hours_error = layout::problem_of(problems, "from");
    let zone_error = layout::problem_of(problems, "time_zone");
    let channel_error = layout::problem_of(problems, "want_email");
    html! {
        div class="field" {
            label for="language" { (ctx.h("prefs-language")) }
            select id="language" name="language" autocomplete="language" {
                @for p in ctx.message_languages() {
                    option value=(p.language) lang=(p.html_lang()) selected[p.language.code() == v.language] { (p.endonym) }
                }
            }
        }
        fieldset class=(if channel_error.is_some() { "has-error" } else { "" }) aria-describedby=[channel_error.map(|_| "want_email-error")] {
            legend { (ctx.h("prefs-channels")) }
            @if let Some(e) = channel_error {
                p class="field-error" id="want_email-error" { (e) }
            }
            @for (i, ch) in Channel::ALL.into_iter().enumerate() {
                @let label = match ch { Channel::Email => "channel-email", Channel::Sms => "channel-sms", Channel::Voice => "channel-voice" };
                @let field_label = match ch { Channel::Email => "field-email", Channel::Sms => "field-sms", Channel::Voice => "field-voice" };
                @if let Some(shown) = &v.locked[i] {
                    p { strong { (ctx.h(label)) } ": " (shown) br; (ctx.h("contact-not-yours")) }
                } @else {
                div class="check" {
                    input type="checkbox" id=(format!("want_{}", ch.name())) name=(format!("want_{}", ch.name())) value="1" checked[v.want[i]];
                    label for=(format!("want_{}", ch.name())) { (ctx.h(label)) }
                }
                @let (kind, auto, hint) = if ch == Channel::Email { ("email", "email", None) } else { ("tel", "tel", Some(ctx.t("field-phone-hint"))) };
                (text_field(ch.name(), kind, &ctx.t(field_label), hint.as_deref(), &v.address[i], auto, problems, None))
                }
            }
        }
        fieldset class=(if hours_error.is_some() { "has-error" } else { "" }) {
            legend { (ctx.h("prefs-hours")) }
            p class="hint" id="hours-hint" { (ctx.h("prefs-hours-hint")) }
            @if let Some(e) = hours_error {
                p class="field-error" id="from-error" { (e) }
            }
            div class="inline" {
                div class="field" {
                    label for="from" { (ctx.h("field-hours-from")) }
                    select id="from" name="from" aria-describedby=(if hours_error.is_some() { "hours-hint from-error" } else { "hours-hint" }) {
                        @for h in &hours[..24] { option value=(h) selected[*h == v.from] { (h) } }
                    }
                }
                div class="field" {
                    label for="to" { (ctx.h("field-hours-to")) }
                    select id="to" name="to" aria-describedby="hours-hint" {
                        @for h in &hours[1..] { option value=(h) selected[*h == v.to] { (h) } }
                    }
                }
            }
        }
        div class=(if zone_error.is_some() { "field has-error" } else { "field" }) {
            label for="time_zone" { (ctx.h("field-time-zone")) }
            p class="hint" id="time_zone-hint" { (ctx.h("field-time-zone-hint")) }
            @if let Some(e) = zone_error {
                p class="field-error" id="time_zone-error" { (e) }
            }
            select id="time_zone" name="time_zone" aria-describedby=(if zone_error.is_some() { "time_zone-hint time_zone-error" } else { "time_zone-hint" }) {
                @for z in zones() { option value=(z) selected[*z == v.time_zone] { (z) } }
            }
        }
    }
}

fn choices_page(ctx: &mut Ctx<'_>, v: &Choices, problems: &[Problem]) -> Response<Body> {
    let fields = choices_fields(ctx, v, problems);
    step_page(
        ctx,
        ("prefs-title", "prefs-intro"),
        "/sign-up/choices",
        fields,
        problems,
    )
}

/// Sends each code; returns the channels it could not be sent on. Codes
/// held back by the caps per destination are not sent now: the page says
/// to use the one sent before.
pub async fn send_codes(ctx: &Ctx<'_>, codes: &portal::Codes) -> Vec<Channel> {
    let mut unsent = Vec::new();
    for c in &codes.to_send {
        if let Err(e) = crate::notify::codes::send(
            &ctx.app.notifier,
            c.channel,
            &c.address,
            c.language,
            &c.code,
        )
        .await
        {
            tracing::warn!(channel = %c.channel, error = %e, "a one-time code was not sent");
            unsent.push(c.channel);
        }
    }
    unsent
}

/// Where the confirm page goes, naming channels whose code was not sent
/// and those whose code was held back by the caps.
pub fn confirm_path(unsent: &[Channel], held: &[Channel]) -> String {
    let names = |cs: &[Channel]| cs.iter().map(|c| c.name()).collect::<Vec<_>>().join(",");
    let mut query = Vec::new();
    if !unsent.is_empty() {
        query.push(format!("unsent={}", names(unsent)));
    }
    if !held.is_empty() {
        query.push(format!("held={}", names(held)));
    }
    if query.is_empty() {
        "/confirm".into()
    } else {
        format!("/confirm?{}", query.join("&"))
    }
}

pub async fn choices_post(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let f = form::read(ctx, req).await?;
    let Some(Flow::Identified(voter)) = current_flow(ctx) else {
        return Ok(ctx.redirect("/sign-up"));
    };
    let values = Choices::read(&f);
    let checked = match check(ctx, &values) {
        Ok(c) => c,
        Err(problems) => return Ok(choices_page(ctx, &values, &problems)),
    };
    if let Err(r) = ctx.allow(None) {
        return Ok(ctx.too_many(r));
    }
    let now = ctx.now();
    let rules = ctx.app.portal.rules.clone();
    let codes = ctx
        .app
        .blocking(move |s| {
            let record = s.read()?.voter_get(voter)?;
            let Some(record) = record else {
                return Err(crate::service::ServiceError::NotFound(
                    "no such voter".into(),
                ));
            };
            let [email, sms, voice] = checked.contacts.map(|a| a.map(|a| Contact::new(a, false)));
            let sub = Subscription {
                voter,
                county: record.county,
                language: checked.language,
                hours: checked.hours,
                time_zone: checked.time_zone,
                email,
                sms,
                voice,
                created_at: now.as_second(),
                since_event: 0,
            };
            let taken = portal::taken_channels(s, &sub)?;
            if !taken.is_empty() {
                return Ok(Err(taken));
            }
            portal::begin_sign_up(s, sub, &rules, now).map(Ok)
        })
        .await?;
    let codes = match codes {
        Ok(c) => c,
        Err(taken) => {
            let problems: Vec<Problem> = taken
                .into_iter()
                .map(|ch| Problem {
                    field: ch.name(),
                    text: ctx.t("error-channel-taken"),
                })
                .collect();
            return Ok(choices_page(ctx, &values, &problems));
        }
    };
    let unsent = send_codes(ctx, &codes).await;
    if let Some(id) = ctx.cookie(FLOW_COOKIE) {
        ctx.app.portal.flows.set(id, Flow::Confirming(voter));
    }
    Ok(ctx.redirect(&confirm_path(&unsent, &codes.held)))
}

/// Whose contacts the confirm page is for: the sign-up in progress, or the
/// signed-in voter who changed a contact.
fn confirming(ctx: &Ctx<'_>) -> Option<VoterId> {
    match current_flow(ctx) {
        Some(Flow::Confirming(v)) => Some(v),
        _ => ctx.session().and_then(|s| s.first().copied()),
    }
}

/// The confirm form's field for a channel's code.
fn code_field(ch: Channel) -> &'static str {
    match ch {
        Channel::Email => "code_email",
        Channel::Sms => "code_sms",
        Channel::Voice => "code_voice",
    }
}

/// Channels named in a query value (`email,sms`).
fn named(ctx: &Ctx<'_>, name: &str) -> Vec<String> {
    ctx.query_value(name)
        .map(|u| u.split(',').map(str::to_string).collect())
        .unwrap_or_default()
}

fn confirm_page(
    ctx: &mut Ctx<'_>,
    contacts: &[(Channel, String)],
    unsent: &[String],
    problems: &[Problem],
    notice: Option<String>,
) -> Response<Body> {
    let held = named(ctx, "held");
    let title = ctx.t("confirm-title");
    let body = html! {
        h1 { (title) }
        @if let Some(n) = &notice { (layout::notice(n)) }
        p { (ctx.h("confirm-intro")) }
        p { (ctx.h("confirm-expires")) }
        @for (ch, address) in contacts {
            @if unsent.iter().any(|u| u == ch.name()) {
                p class="field-error" { (ctx.h_with("confirm-send-failed", &[("contact", address)])) }
            }
            @if held.iter().any(|u| u == ch.name()) {
                p class="field-error" { (ctx.h_with("code-held", &[("contact", address)])) }
            }
        }
        form method="post" action=(ctx.href("/confirm")) novalidate {
            (csrf(ctx))
            @for (ch, address) in contacts {
                @let id = code_field(*ch);
                @let hint = (*ch == Channel::Voice).then(|| ctx.t("confirm-voice-note"));
                (text_field(id, "text", &ctx.t_with("confirm-code-for", &[("contact", address)]), hint.as_deref(), "", "one-time-code", problems, Some("short")))
            }
            button type="submit" { (ctx.h("button-continue")) }
        }
        form method="post" action=(ctx.href("/confirm")) {
            (csrf(ctx))
            input type="hidden" name="resend" value="1";
            button class="secondary" type="submit" { (ctx.h("confirm-resend")) }
        }
    };
    let page = layout::page(ctx, &title, Some(problems), body);
    ctx.page(StatusCode::OK, page)
}

pub async fn confirm_form(ctx: &mut Ctx<'_>) -> Result<Response<Body>, ApiError> {
    let Some(voter) = confirming(ctx) else {
        return Ok(ctx.redirect("/sign-up"));
    };
    let now = ctx.now();
    let waiting = ctx
        .app
        .blocking(move |s| portal::unconfirmed(s, voter, now))
        .await?;
    let Some(waiting) = waiting else {
        return Ok(ctx.redirect("/my-ballot"));
    };
    let unsent = named(ctx, "unsent");
    let resent = ctx
        .query_value("resent")
        .is_some()
        .then(|| ctx.t("confirm-resent"));
    Ok(confirm_page(ctx, &waiting.contacts, &unsent, &[], resent))
}

pub async fn confirm_post(
    ctx: &mut Ctx<'_>,
    req: Request<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let f = form::read(ctx, req).await?;
    let Some(voter) = confirming(ctx) else {
        return Ok(ctx.redirect("/sign-up"));
    };
    if let Err(r) = ctx.allow(Some(voter.key().to_be_bytes())) {
        return Ok(ctx.too_many(r));
    }
    let now = ctx.now();
    if f.has("resend") {
        let rules = ctx.app.portal.rules.clone();
        let codes = ctx
            .app
            .blocking(move |s| portal::resend_codes(s, voter, &rules, now))
            .await?;
        let unsent = send_codes(ctx, &codes).await;
        let path = confirm_path(&unsent, &codes.held);
        if codes.to_send.is_empty() {
            return Ok(ctx.redirect(&path));
        }
        let sep = if path.contains('?') { '&' } else { '?' };
        return Ok(ctx.redirect(&format!("{path}{sep}resent=1")));
    }
    let waiting = ctx
        .app
        .blocking(move |s| portal::unconfirmed(s, voter, now))
        .await?;
    let Some(waiting) = waiting else {
        return Ok(ctx.redirect("/my-ballot"));
    };
    let mut entered = Vec::new();
    let mut problems = Vec::new();
    for (ch, _) in &waiting.contacts {
        let id = code_field(*ch);
        let typed = f.get(id).trim();
        if typed.is_empty() {
            continue;
        }
        if crate::domain::challenge::read_code(typed).is_none() {
            problems.push(Problem {
                field: id,
                text: ctx.t("error-code-format"),
            });
            continue;
        }
        entered.push((*ch, typed.to_string()));
    }
    if entered.is_empty() && problems.is_empty() {
        let id = code_field(waiting.contacts[0].0);
        problems.push(Problem {
            field: id,
            text: ctx.t("error-code-format"),
        });
    }
    let (outcomes, grant) = if entered.is_empty() {
        (Vec::new(), None)
    } else {
        let caps = ctx.app.portal.rules.caps;
        ctx.app
            .blocking(move |s| portal::confirm(s, voter, &entered, &caps, now))
            .await?
    };
    ctx.answer_floor().await;
    let any_confirmed = outcomes
        .iter()
        .any(|(_, o)| *o == portal::CodeOutcome::Confirmed);
    for (ch, o) in &outcomes {
        if *o != portal::CodeOutcome::Confirmed {
            problems.push(Problem {
                field: code_field(*ch),
                text: ctx.t("error-code"),
            });
        }
    }
    if let (true, Some(grant)) = (any_confirmed, grant) {
        // One confirmed contact is a sign-up: the voter is signed in,
        // through the contacts confirmed (and those signed in before).
        if let Some(id) = ctx.cookie(FLOW_COOKIE).map(str::to_string) {
            ctx.app.portal.flows.end(&id);
            ctx.set_cookie(FLOW_COOKIE, "", 0);
        }
        let mut grants = ctx.grants().unwrap_or_default();
        match grants.iter_mut().find(|g| g.voter == grant.voter) {
            Some(g) => {
                g.through.retain(|(c, _)| !grant.owns(*c));
                g.through.extend(grant.through);
            }
            None => grants.insert(0, grant),
        }
        ctx.sign_in(&grants);
        if problems.is_empty() {
            return Ok(ctx.redirect("/my-ballot?done=confirmed"));
        }
    }
    // Some confirmed, some not: the page asks again for the rest only.
    let waiting = ctx
        .app
        .blocking(move |s| portal::unconfirmed(s, voter, now))
        .await?;
    match waiting {
        Some(w) => Ok(confirm_page(ctx, &w.contacts, &[], &problems, None)),
        None => Ok(ctx.redirect("/my-ballot?done=confirmed")),
    }
}
