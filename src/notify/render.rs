//! A message made ready for one channel, in the voter's language: email
//! (subject, plain text, HTML), SMS text, or a voice script.

use super::catalog::{Catalog, CatalogError};
use crate::domain::ballot::{Ballot, RowKind};
use crate::domain::county_office::CountyOffice;
use crate::domain::{Channel, CountyCode, Language, MessageKind, StatusCode, sms};
use fluent_bundle::{FluentArgs, FluentValue};
use jiff::civil::Date;

/// What a message is about, with everything its texts may mention.
#[derive(Clone, Debug)]
pub struct MessageFacts<'a> {
    pub kind: MessageKind,
    pub language: Language,
    pub county: CountyCode,
    pub office: &'a CountyOffice,
    pub election_date: Date,
    pub cure_deadline: Date,
    /// The day the change happened (the mail date, for Outbound and Reissued).
    pub event_date: Date,
    /// The ballot's status code (the reason of Not Accepted and Contact County).
    pub code: Option<StatusCode>,
    /// The status row's further reason codes (`OTH` with `NVS|BME`), each
    /// named in the message too.
    pub reasons: Vec<StatusCode>,
    /// The voter's calendar day when the message is made (reminders count from it).
    pub today: Date,
    /// One-click unsubscribe link (email).
    pub unsubscribe_url: String,
    /// The voter's signed, expiring link to their ballot and choices (email).
    pub manage_url: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    Email {
        subject: String,
        text: String,
        html: String,
    },
    Sms {
        text: String,
    },
    Voice {
        script: String,
        /// The provider's text-to-speech language, or `None` when it has no
        /// voice for the language and an uploaded recording plays instead.
        tts: Option<String>,
    },
}

/// The catalog id of a message kind (`not_accepted` → `not-accepted`).
pub fn message_id(kind: MessageKind) -> String {
    kind.name().replace('_', "-")
}

/// A date as the language writes it in full.
pub fn long_date(
    catalog: &Catalog,
    lang: Language,
    county: Option<CountyCode>,
    d: Date,
) -> Result<String, CatalogError> {
    catalog.long_date(lang, county, d)
}

fn reason_id(code: StatusCode) -> String {
    format!("reason-{}", code.code().to_ascii_lowercase())
}

/// Whether a kind's texts tell why (`$reason`).
pub fn tells_reason(kind: MessageKind) -> bool {
    matches!(
        kind,
        MessageKind::NotAccepted | MessageKind::ContactCounty | MessageKind::CureReminder
    )
}

/// Every reason a message names, the status's own first: `OTH` ("several
/// problems") only when the row names no other; codes without a reason
/// text are left out.
pub fn reason_codes(code: Option<StatusCode>, further: &[StatusCode]) -> Vec<StatusCode> {
    let mut v: Vec<StatusCode> = Vec::new();
    for c in code.iter().chain(further) {
        if c.reason_message() && !v.contains(c) {
            v.push(*c);
        }
    }
    if v.len() > 1 {
        v.retain(|c| *c != StatusCode::Oth);
    }
    if v.is_empty() {
        v.push(StatusCode::Oth);
    }
    v
}

/// The further reason codes of the status row a message tells of: the row
/// of that status at `at`, else its newest row.
pub fn further_reasons(ballot: &Ballot, code: Option<StatusCode>, at: i64) -> Vec<StatusCode> {
    let Some(code) = code else {
        return Vec::new();
    };
    let mut rows = ballot
        .events
        .iter()
        .filter(|e| e.row.kind == RowKind::Status(code));
    let row = rows
        .clone()
        .rfind(|e| e.row.at == at)
        .or_else(|| rows.next_back());
    row.map_or_else(Vec::new, |e| {
        e.row
            .detail
            .split('|')
            .filter_map(|r| StatusCode::parse(r.trim()))
            .collect()
    })
}

/// The first `shown` reasons in the voter's language, then how many more.
fn reason_text(
    catalog: &Catalog,
    lang: Language,
    county: Option<CountyCode>,
    codes: &[StatusCode],
    shown: usize,
) -> Result<String, CatalogError> {
    let mut out = String::new();
    for c in codes.iter().take(shown) {
        let t = catalog.text(lang, county, &reason_id(*c), &FluentArgs::new())?;
        push_sentence(&mut out, &t);
    }
    if shown < codes.len() {
        let mut a = FluentArgs::new();
        a.set("count", FluentValue::from(codes.len() - shown));
        let more = catalog.text(lang, county, "reasons-more", &a)?;
        push_sentence(&mut out, &more);
    }
    Ok(out)
}

/// Sentences joined as the language does: after a full-width stop (Chinese,
/// Japanese) with nothing between, else with a space.
fn push_sentence(out: &mut String, s: &str) {
    if !out.is_empty() && !out.ends_with(['。', '！', '？']) {
        out.push(' ');
    }
    out.push_str(s.trim());
}

/// The variables a text always has, never empty: what an override of it may
/// use. `text_id` is `message` or `message.attribute`.
pub fn text_variables(text_id: &str) -> Vec<&'static str> {
    let (id, attr) = text_id.split_once('.').unwrap_or((text_id, ""));
    let kind = if id == "contact-county-passed" {
        Some(MessageKind::ContactCounty)
    } else {
        MessageKind::ALL.into_iter().find(|k| message_id(*k) == id)
    };
    let office = ["county", "county_phone", "county_web"];
    let links = ["unsubscribe_url", "manage_url"];
    let Some(kind) = kind else {
        return match id {
            "email-footer" | "email-manage" | "email-unsubscribe-link" => {
                office.into_iter().chain(links).collect()
            }
            "sms-help" | "sms-stopped" | "sms-started" => vec!["county", "county_phone"],
            "sms-help-state" | "sms-stopped-state" | "sms-started-state" => vec!["county_phone"],
            "date-long" => vec!["month", "day", "year"],
            "code" => vec!["code", "code_spoken"],
            "contact-added" => vec!["added", "contact", "remove_url"],
            "reasons-more" => vec!["count"],
            _ => Vec::new(),
        };
    };
    let mut v: Vec<&'static str> = office.to_vec();
    if kind != MessageKind::Confirmation {
        v.extend(["election_date", "cure_deadline"]);
    }
    if matches!(kind, MessageKind::Outbound | MessageKind::Reissued) {
        v.extend(["expected_from", "expected_to"]);
    }
    if matches!(
        kind,
        MessageKind::ReturnReminder | MessageKind::CureReminder
    ) {
        v.push("days");
    }
    if tells_reason(kind) {
        v.push("reason");
    }
    if attr.starts_with("email") {
        v.extend(links);
    }
    v
}

/// The catalog id of a message's texts: Contact County after the cure
/// deadline has its own, which gives no date.
pub fn text_base(f: &MessageFacts<'_>) -> String {
    if f.kind == MessageKind::ContactCounty && f.today > f.cure_deadline {
        "contact-county-passed".to_string()
    } else {
        message_id(f.kind)
    }
}

fn args<'a>(catalog: &Catalog, f: &MessageFacts<'a>) -> Result<FluentArgs<'a>, CatalogError> {
    let (lang, county) = (f.language, Some(f.county));
    let date = |d: Date| long_date(catalog, lang, county, d);
    let mut a = FluentArgs::new();
    a.set("county", f.county.name());
    a.set("county_phone", f.office.phone.clone());
    a.set("county_web", f.office.web.clone());
    a.set("election_date", date(f.election_date)?);
    a.set("cure_deadline", date(f.cure_deadline)?);
    let (from, to) = f.office.expected_delivery(f.event_date);
    a.set("expected_from", date(from)?);
    a.set("expected_to", date(to)?);
    // Only messages about a problem have one; elsewhere it stays empty, so
    // a text that names it is held, never sent with a made-up reason.
    let reason = if tells_reason(f.kind) {
        let codes = reason_codes(f.code, &f.reasons);
        reason_text(catalog, lang, county, &codes, codes.len())?
    } else {
        String::new()
    };
    a.set("reason", reason);
    let deadline = match f.kind {
        MessageKind::CureReminder => f.cure_deadline,
        _ => f.election_date,
    };
    let days = (deadline - f.today).get_days().max(0);
    a.set("days", FluentValue::from(days));
    a.set("unsubscribe_url", f.unsubscribe_url.clone());
    a.set("manage_url", f.manage_url.clone());
    Ok(a)
}

/// Renders a message for one channel.
pub fn render(
    catalog: &Catalog,
    f: &MessageFacts<'_>,
    channel: Channel,
) -> Result<Content, CatalogError> {
    let a = args(catalog, f)?;
    let (lang, county) = (f.language, Some(f.county));
    let id = text_base(f);
    let text = |attr: &str| catalog.text(lang, county, &format!("{id}.{attr}"), &a);
    Ok(match channel {
        Channel::Email => {
            let subject = text("email-subject")?;
            let body = text("email-body")?;
            let manage = catalog.text(lang, county, "email-manage", &a)?;
            let footer = catalog.text(lang, county, "email-footer", &a)?;
            let link = catalog.text(lang, county, "email-unsubscribe-link", &a)?;
            let html = email_html(
                &catalog.html_lang(lang),
                &subject,
                &body,
                (&manage, &f.manage_url),
                &footer,
                &link,
                &f.unsubscribe_url,
            );
            Content::Email {
                text: format!("{body}\n\n{manage}\n\n-- \n{footer}\n"),
                subject,
                html,
            }
        }
        Channel::Sms => Content::Sms {
            text: sms_text(catalog, f, &id, a)?,
        },
        Channel::Voice => Content::Voice {
            script: text("voice")?,
            tts: catalog.tts(lang).map(str::to_string),
        },
    })
}

/// The text message, within its segments: with several reasons, as many as
/// fit, then "and N more" (the county's phone always stays).
fn sms_text(
    catalog: &Catalog,
    f: &MessageFacts<'_>,
    id: &str,
    mut a: FluentArgs<'_>,
) -> Result<String, CatalogError> {
    let (lang, county) = (f.language, Some(f.county));
    let text_id = format!("{id}.sms");
    let full = catalog.text(lang, county, &text_id, &a)?;
    let codes = reason_codes(f.code, &f.reasons);
    if !tells_reason(f.kind)
        || codes.len() < 2
        || sms::segments(&full).segments <= sms::MAX_SEGMENTS
    {
        return Ok(full);
    }
    let mut shortest = full;
    for shown in (1..codes.len()).rev() {
        a.set("reason", reason_text(catalog, lang, county, &codes, shown)?);
        shortest = catalog.text(lang, county, &text_id, &a)?;
        if sms::segments(&shortest).segments <= sms::MAX_SEGMENTS {
            break;
        }
    }
    Ok(shortest)
}

/// A one-time code message for one channel. A language without a
/// text-to-speech voice (Khmer) cannot have a recording of a code: its
/// calls read the code in English.
pub fn render_code(
    catalog: &Catalog,
    lang: Language,
    channel: Channel,
    code: &str,
) -> Result<Content, CatalogError> {
    let mut a = FluentArgs::new();
    a.set("code", code.to_string());
    a.set("code_spoken", crate::domain::challenge::spoken(code));
    render_at_once(catalog, lang, channel, "code", &a, None)
}

/// The notice to a confirmed contact that another contact joined the
/// sign-up: which one (`address`, masked as the pages show it to others),
/// and the link that removes it (calls give none: they name the county
/// office instead).
pub fn render_contact_added(
    catalog: &Catalog,
    lang: Language,
    channel: Channel,
    added: Channel,
    address: &str,
    remove_url: &str,
) -> Result<Content, CatalogError> {
    let mut a = FluentArgs::new();
    a.set("added", added.name());
    a.set(
        "contact",
        match channel {
            Channel::Sms => crate::domain::subscription::masked_for_sms(address),
            _ => crate::domain::subscription::masked(address),
        },
    );
    a.set("remove_url", remove_url.to_string());
    render_at_once(
        catalog,
        lang,
        channel,
        "contact-added",
        &a,
        Some(remove_url),
    )
}

/// A message sent at once, outside the outbox, with no county's texts and
/// no footer: codes and notices of added contacts. In the HTML, `link`
/// is a link where the text gives it.
fn render_at_once(
    catalog: &Catalog,
    lang: Language,
    channel: Channel,
    id: &str,
    a: &FluentArgs<'_>,
    link: Option<&str>,
) -> Result<Content, CatalogError> {
    let text = |lang: Language, attr: &str| catalog.text(lang, None, &format!("{id}.{attr}"), a);
    Ok(match channel {
        Channel::Email => {
            let subject = text(lang, "email-subject")?;
            let body = text(lang, "email-body")?;
            let html = maud::html! {
                (maud::DOCTYPE)
                html lang=(catalog.html_lang(lang)) {
                    head {
                        meta charset="utf-8";
                        title { (subject) }
                    }
                    body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; max-width: 40em; margin: 0 auto; padding: 1em; color: #1b1b1b" {
                        @for p in body.split("\n\n") {
                            @match link.and_then(|l| p.split_once(l).map(|(a, b)| (l, a, b))) {
                                Some((l, before, after)) => p { (before) a href=(l) { (l) } (after) },
                                None => p { (p) },
                            }
                        }
                    }
                }
            }
            .into_string();
            Content::Email {
                text: format!("{body}\n"),
                subject,
                html,
            }
        }
        Channel::Sms => Content::Sms {
            text: text(lang, "sms")?,
        },
        Channel::Voice => match catalog.tts(lang) {
            Some(tts) => Content::Voice {
                script: text(lang, "voice")?,
                tts: Some(tts.to_string()),
            },
            None => Content::Voice {
                script: text(Language::EN, "voice")?,
                tts: catalog.tts(Language::EN).map(str::to_string),
            },
        },
    })
}

fn email_html(
    html_lang: &str,
    subject: &str,
    body: &str,
    (manage, manage_url): (&str, &str),
    footer: &str,
    link: &str,
    url: &str,
) -> String {
    maud::html! {
        (maud::DOCTYPE)
        html lang=(html_lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (subject) }
            }
            body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; max-width: 40em; margin: 0 auto; padding: 1em; color: #1b1b1b" {
                h1 style="font-size: 1.4em" { (subject) }
                @for p in body.split("\n\n") {
                    p { (p) }
                }
                // The text says the link; the address is the link's target.
                p { a href=(manage_url) { (manage.replace(manage_url, "").trim_end_matches([' ', ':', '：'])) } }
                hr;
                p style="font-size: 0.85em; color: #555" {
                    (footer)
                    br;
                    a href=(url) { (link) }
                }
            }
        }
    }
    .into_string()
}
