//! Every message renders in every language on every channel, completely, in
//! that language, and every SMS fits three segments.

use super::catalog::{Catalog, OverrideKey, Scope};
use super::render::{Content, MessageFacts, render};
use crate::domain::county_office::CountyOffice;
use crate::domain::sms::{self, MAX_SEGMENTS};
use crate::domain::{Channel, CountyCode, Language, MessageKind, StatusCode};
use fluent_bundle::FluentArgs;
use jiff::civil::date;
use std::collections::BTreeSet;

fn office(phone: &str, web: &str) -> CountyOffice {
    CountyOffice {
        phone: phone.into(),
        web: web.into(),
        transit_days: (2, 5),
    }
}

fn facts<'a>(
    kind: MessageKind,
    lang: Language,
    county: CountyCode,
    office: &'a CountyOffice,
    code: Option<StatusCode>,
) -> MessageFacts<'a> {
    MessageFacts {
        kind,
        language: lang,
        county,
        office,
        election_date: date(2026, 11, 3),
        cure_deadline: date(2026, 12, 1),
        event_date: date(2026, 9, 30),
        code,
        reasons: Vec::new(),
        today: date(2026, 10, 27),
        unsubscribe_url: "https://vote.example.org/u/0123456789abcdef0123456789abcdef".into(),
        manage_url: "https://vote.example.org/manage/0123456789abcdef0123456789abcdef".into(),
    }
}

/// The status codes each kind can carry (the reason of Not Accepted and
/// Contact County differs by code).
fn codes(kind: MessageKind) -> Vec<Option<StatusCode>> {
    let with_reason: Vec<_> = StatusCode::ALL
        .into_iter()
        .filter(|c| c.default_message() == kind)
        .map(Some)
        .collect();
    match kind {
        MessageKind::NotAccepted | MessageKind::ContactCounty => with_reason,
        MessageKind::CureReminder => StatusCode::ALL
            .into_iter()
            .filter(|c| c.default_message() == MessageKind::ContactCounty)
            .map(Some)
            .collect(),
        _ => vec![None],
    }
}

fn all_texts(c: &Content) -> Vec<&str> {
    match c {
        Content::Email {
            subject,
            text,
            html,
        } => vec![subject, text, html],
        Content::Sms { text } => vec![text],
        Content::Voice { script, .. } => vec![script],
    }
}

#[test]
fn every_message_renders_in_every_language_on_every_channel() {
    let catalog = Catalog::builtin().unwrap();
    let office = office("(530) 694-2281", "https://www.alpinecountyca.gov/elections");
    let alpine = CountyCode::parse("02").unwrap();
    for lang in Language::ALL {
        for kind in MessageKind::ALL {
            for code in codes(kind) {
                for channel in Channel::ALL {
                    let f = facts(kind, lang, alpine, &office, code);
                    let c = render(&catalog, &f, channel)
                        .unwrap_or_else(|e| panic!("{lang:?} {kind} {channel}: {e}"));
                    for t in all_texts(&c) {
                        assert!(!t.trim().is_empty(), "{lang:?} {kind} {channel} empty");
                        assert!(!t.contains('{') && !t.contains('}'), "{lang:?} {kind}: {t}");
                    }
                }
            }
        }
        for id in ["sms-help", "sms-stopped", "sms-started", "voice-goodbye"] {
            let mut a = FluentArgs::new();
            a.set("county", "Alpine");
            a.set("county_phone", "(530) 694-2281");
            catalog.text(lang, None, id, &a).unwrap();
        }
    }
}

/// English words of the English catalog's rendered texts, lower-cased.
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_ascii_lowercase)
}

#[test]
fn no_english_is_left_in_other_languages() {
    let catalog = Catalog::builtin().unwrap();
    let office = office("(530) 694-2281", "https://vote.example.org/alpine");
    let alpine = CountyCode::parse("02").unwrap();
    let strip = |t: &str| {
        t.replace("Alpine", " ")
            .replace("https://vote.example.org/alpine", " ")
            .replace(
                "https://vote.example.org/u/0123456789abcdef0123456789abcdef",
                " ",
            )
            .replace(
                "https://vote.example.org/manage/0123456789abcdef0123456789abcdef",
                " ",
            )
    };
    let render_all = |lang: Language| -> Vec<(String, String)> {
        let mut out = Vec::new();
        for kind in MessageKind::ALL {
            for code in codes(kind) {
                for channel in [Channel::Sms, Channel::Voice, Channel::Email] {
                    let c = render(&catalog, &facts(kind, lang, alpine, &office, code), channel)
                        .unwrap();
                    for t in all_texts(&c) {
                        // The HTML's markup is not language.
                        if t.starts_with("<!DOCTYPE") {
                            continue;
                        }
                        out.push((format!("{kind} {channel}"), strip(t)));
                    }
                }
            }
        }
        out
    };
    // Words carriers require in English; loanwords the state's glossary itself
    // uses in a language; and words spelled the same in both languages.
    let allowed: BTreeSet<&str> = ["stop", "start", "help"].into();
    let loanwords = |lang: Language| -> &'static [&'static str] {
        match lang {
            Language::TL => &["county", "sign"],
            Language::ES => &["postal", "use"],
            _ => &[],
        }
    };
    let english: BTreeSet<String> = render_all(Language::EN)
        .iter()
        .flat_map(|(_, t)| words(t).collect::<Vec<_>>())
        .filter(|w| !allowed.contains(w.as_str()))
        .collect();
    let mut found = BTreeSet::new();
    for lang in Language::ALL.into_iter().filter(|l| *l != Language::EN) {
        for (what, t) in render_all(lang) {
            for w in words(&t) {
                if english.contains(&w) && !loanwords(lang).contains(&w.as_str()) {
                    found.insert(format!("{lang:?} {what}: English word {w:?} in {t:?}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", Vec::from_iter(found).join("\n"));
}

#[test]
fn every_sms_fits_three_segments_with_long_values() {
    let catalog = Catalog::builtin().unwrap();
    let office = office(
        "(805) 781-5228",
        "https://www.slocounty.ca.gov/Departments/Clerk-Recorder/Elections-and-Voting.aspx",
    );
    // San Luis Obispo: the longest county name.
    let slo = CountyCode::parse("40").unwrap();
    for lang in Language::ALL {
        for kind in MessageKind::ALL {
            for code in codes(kind) {
                let mut f = facts(kind, lang, slo, &office, code);
                // September: a long month name in many languages; day 30.
                f.election_date = date(2026, 9, 30);
                f.cure_deadline = date(2026, 9, 30);
                f.event_date = date(2026, 9, 28);
                let Content::Sms { text } = render(&catalog, &f, Channel::Sms).unwrap() else {
                    unreachable!()
                };
                let s = sms::segments(&text);
                assert!(
                    s.segments <= MAX_SEGMENTS,
                    "{lang:?} {kind} {code:?}: {s:?} for {text:?}"
                );
            }
        }
    }
}

#[test]
fn voice_uses_tts_except_where_no_provider_voice_exists() {
    let catalog = Catalog::builtin().unwrap();
    let o = CountyOffice::default();
    let c = CountyCode::parse("01").unwrap();
    for lang in Language::ALL {
        let Content::Voice { tts, .. } = render(
            &catalog,
            &facts(MessageKind::Accepted, lang, c, &o, None),
            Channel::Voice,
        )
        .unwrap() else {
            unreachable!()
        };
        assert_eq!(tts.is_none(), lang == Language::KM, "{lang:?}");
    }
}

#[test]
fn dates_are_written_the_languages_way() {
    let catalog = Catalog::builtin().unwrap();
    let d = date(2026, 11, 3);
    let long = |l| super::render::long_date(&catalog, l, None, d).unwrap();
    assert_eq!(long(Language::EN), "November 3, 2026");
    assert_eq!(long(Language::ES), "3 de noviembre de 2026");
    assert_eq!(long(Language::JA), "2026年11月3日");
    assert_eq!(long(Language::KO), "2026년 11월 3일");
    assert_eq!(long(Language::ZH), "2026年11月3日");

    // Written-out dates are kept, and forgotten when a month's name changes.
    let mut catalog = Catalog::builtin().unwrap();
    assert_eq!(
        catalog.long_date(Language::EN, None, d).unwrap(),
        "November 3, 2026"
    );
    let key = crate::notify::catalog::OverrideKey::parse("state/en/month-11").unwrap();
    catalog.set_override(key, "Nov.").unwrap();
    assert_eq!(
        catalog.long_date(Language::EN, None, d).unwrap(),
        "Nov. 3, 2026"
    );
}

#[test]
fn overrides_replace_a_text_for_their_scope_only() {
    let mut catalog = Catalog::builtin().unwrap();
    let alpine = CountyCode::parse("02").unwrap();
    let amador = CountyCode::parse("03").unwrap();
    let key = OverrideKey {
        scope: Scope::County(alpine),
        language: Language::ES,
        text_id: "accepted.sms".into(),
    };
    catalog
        .set_override(
            key.clone(),
            "Condado de { $county }: ¡su boleta fue contada!",
        )
        .unwrap();
    let o = CountyOffice::default();
    let sms = |catalog: &Catalog, county| match render(
        catalog,
        &facts(MessageKind::Accepted, Language::ES, county, &o, None),
        Channel::Sms,
    )
    .unwrap()
    {
        Content::Sms { text } => text,
        _ => unreachable!(),
    };
    assert_eq!(
        sms(&catalog, alpine),
        "Condado de Alpine: ¡su boleta fue contada!"
    );
    assert_ne!(sms(&catalog, amador), sms(&catalog, alpine));
    assert_eq!(OverrideKey::parse(&key.to_string()), Some(key.clone()));
    // An unknown text is refused; an empty text withdraws the override.
    let bad = OverrideKey {
        text_id: "accepted.fax".into(),
        ..key.clone()
    };
    assert!(catalog.set_override(bad, "x").is_err());
    catalog.set_override(key, "").unwrap();
    assert_ne!(
        sms(&catalog, alpine),
        "Condado de Alpine: ¡su boleta fue contada!"
    );
}

#[test]
fn code_messages_render_everywhere_with_the_code_in_one_segment() {
    let catalog = Catalog::builtin().unwrap();
    let english = |c: &Content| {
        all_texts(c)
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
    };
    let en_sms = english(
        &crate::notify::render::render_code(&catalog, Language::EN, Channel::Sms, "123456")
            .unwrap(),
    );
    for lang in Language::ALL {
        for channel in [Channel::Email, Channel::Sms, Channel::Voice] {
            let c = crate::notify::render::render_code(&catalog, lang, channel, "093417").unwrap();
            let texts = all_texts(&c);
            match &c {
                Content::Voice { script, tts } => {
                    // Read digit by digit; Khmer, without a voice, is read in English.
                    assert!(script.contains("0, 9, 3, 4, 1, 7"), "{lang:?}: {script}");
                    assert!(tts.is_some(), "{lang:?}");
                }
                Content::Sms { text } => {
                    assert!(text.contains("093417"), "{lang:?}: {text}");
                    let s = sms::segments(text);
                    assert_eq!(s.segments, 1, "{lang:?}: {s:?} for {text:?}");
                    if lang != Language::EN {
                        assert_ne!(vec![text.clone()], en_sms, "{lang:?}");
                    }
                }
                Content::Email { subject, text, .. } => {
                    assert!(
                        subject.contains("093417") && text.contains("093417"),
                        "{lang:?}"
                    );
                }
            }
            assert!(texts.iter().all(|t| !t.trim().is_empty()));
        }
    }
}

#[test]
fn every_email_carries_the_voters_manage_link() {
    let catalog = Catalog::builtin().unwrap();
    let office = office("(530) 694-2281", "https://vote.example.org/alpine");
    let alpine = CountyCode::parse("02").unwrap();
    for lang in Language::ALL {
        let f = facts(MessageKind::Received, lang, alpine, &office, None);
        let Content::Email { text, html, .. } = render(&catalog, &f, Channel::Email).unwrap()
        else {
            unreachable!()
        };
        assert!(text.contains(&f.manage_url), "{lang:?}: {text}");
        assert!(
            html.contains(&format!("href=\"{}\"", f.manage_url)),
            "{lang:?}: {html}"
        );
    }
}
