//! A message made ready for one channel, in the voter's language: email
//! (subject, plain text, HTML), SMS text, or a voice script.

use super::catalog::{Catalog, CatalogError};
use crate::domain::county_office::CountyOffice;
use crate::domain::{Channel, CountyCode, Language, MessageKind, StatusCode};
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

fn reason_id(code: Option<StatusCode>) -> String {
    match code {
        Some(c) if c.reason_message() => format!("reason-{}", c.code().to_ascii_lowercase()),
        _ => "reason-oth".to_string(),
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
    a.set(
        "reason",
        catalog.text(lang, county, &reason_id(f.code), &FluentArgs::new())?,
    );
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
    let id = message_id(f.kind);
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
        Channel::Sms => Content::Sms { text: text("sms")? },
        Channel::Voice => Content::Voice {
            script: text("voice")?,
            tts: catalog.tts(lang).map(str::to_string),
        },
    })
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
    let text = |lang: Language, attr: &str| catalog.text(lang, None, &format!("code.{attr}"), &a);
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
                            p { (p) }
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
