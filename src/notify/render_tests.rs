//! What a voter reads: no past cure deadline, every reason named, text
//! messages within their segments, no empty part, and the variables each
//! text may use.

use super::catalog::Catalog;
use super::render::*;
use crate::domain::county_office::CountyOffice;
use crate::domain::sms::MAX_SEGMENTS;
use crate::domain::{Channel, CountyCode, Language, MessageKind, StatusCode, sms};
use fluent_bundle::{FluentArgs, FluentValue};
use jiff::civil::date;

fn facts<'a>(kind: MessageKind, lang: Language, office: &'a CountyOffice) -> MessageFacts<'a> {
    MessageFacts {
        kind,
        language: lang,
        // San Luis Obispo: the longest county name.
        county: CountyCode::parse("40").unwrap(),
        office,
        election_date: date(2026, 11, 3),
        cure_deadline: date(2026, 12, 1),
        event_date: date(2026, 11, 10),
        code: Some(StatusCode::Nvs),
        reasons: Vec::new(),
        today: date(2026, 11, 12),
        unsubscribe_url: "https://vote.example.org/u/0123456789abcdef".into(),
        manage_url: "https://vote.example.org/m/0123456789abcdef".into(),
    }
}

fn office() -> CountyOffice {
    CountyOffice {
        phone: "(805) 781-5228".into(),
        web: "https://www.slocounty.ca.gov/Departments/Clerk-Recorder/Elections-and-Voting.aspx"
            .into(),
        transit_days: (2, 5),
    }
}

fn texts(c: &Content) -> String {
    match c {
        Content::Email { subject, text, .. } => format!("{subject}\n{text}"),
        Content::Sms { text } => text.clone(),
        Content::Voice { script, .. } => script.clone(),
    }
}

#[test]
fn after_the_cure_deadline_contact_county_gives_no_past_date_in_any_language() {
    let catalog = Catalog::builtin().unwrap();
    let o = office();
    for lang in Language::ALL {
        let deadline = long_date(&catalog, lang, None, date(2026, 12, 1)).unwrap();
        for channel in Channel::ALL {
            let mut f = facts(MessageKind::ContactCounty, lang, &o);
            let before = texts(&render(&catalog, &f, channel).unwrap());
            assert!(before.contains(&deadline), "{lang} {channel}: {before}");
            // On the deadline itself the date is still true.
            f.today = date(2026, 12, 1);
            let on_the_day = texts(&render(&catalog, &f, channel).unwrap());
            assert!(on_the_day.contains(&deadline), "{lang} {channel}");
            f.today = date(2026, 12, 3);
            let after = texts(&render(&catalog, &f, channel).unwrap());
            assert!(!after.contains(&deadline), "{lang} {channel}: {after}");
            assert!(
                after.contains("(805) 781-5228"),
                "{lang} {channel}: {after}"
            );
            let reason = catalog
                .text(lang, None, "reason-nvs", &FluentArgs::new())
                .unwrap();
            assert!(after.contains(&reason), "{lang} {channel}: {after}");
            if channel == Channel::Sms {
                assert!(sms::segments(&after).segments <= MAX_SEGMENTS, "{lang}");
            }
        }
    }
    let f = MessageFacts {
        today: date(2026, 12, 3),
        ..facts(MessageKind::ContactCounty, Language::EN, &o)
    };
    let Content::Sms { text } = render(&catalog, &f, Channel::Sms).unwrap() else {
        unreachable!()
    };
    assert!(
        text.contains("The deadline to fix it has passed."),
        "{text}"
    );
}

#[test]
fn every_reason_of_a_row_is_named_in_the_voters_language() {
    let catalog = Catalog::builtin().unwrap();
    let o = office();
    let reason = |lang, c: &str| {
        catalog
            .text(lang, None, &format!("reason-{c}"), &FluentArgs::new())
            .unwrap()
    };
    for lang in Language::ALL {
        for channel in Channel::ALL {
            let mut f = facts(MessageKind::NotAccepted, lang, &o);
            f.code = Some(StatusCode::Oth);
            f.reasons = vec![StatusCode::Nvs, StatusCode::Bme];
            let t = texts(&render(&catalog, &f, channel).unwrap());
            for c in ["nvs", "bme"] {
                assert!(t.contains(&reason(lang, c)), "{lang} {channel}: {t}");
            }
            assert!(!t.contains(&reason(lang, "oth")), "{lang} {channel}: {t}");
            let mut f = facts(MessageKind::ContactCounty, lang, &o);
            f.reasons = vec![StatusCode::Nms, StatusCode::Nid];
            let t = texts(&render(&catalog, &f, channel).unwrap());
            if channel != Channel::Sms {
                for c in ["nvs", "nms", "nid"] {
                    assert!(t.contains(&reason(lang, c)), "{lang} {channel}: {t}");
                }
            }
        }
    }
    assert_eq!(
        reason_codes(Some(StatusCode::Oth), &[]),
        vec![StatusCode::Oth]
    );
    assert_eq!(
        reason_codes(
            Some(StatusCode::Nvs),
            &[StatusCode::Nvs, StatusCode::Issued, StatusCode::Nid]
        ),
        vec![StatusCode::Nvs, StatusCode::Nid]
    );
}

#[test]
fn a_text_message_with_many_reasons_keeps_to_three_segments_and_the_phone() {
    let catalog = Catalog::builtin().unwrap();
    let o = office();
    let many = vec![
        StatusCode::Nms,
        StatusCode::Nid,
        StatusCode::Mia,
        StatusCode::Bme,
        StatusCode::Mre,
        StatusCode::Inf,
        StatusCode::Vav,
        StatusCode::Cld,
        StatusCode::Not,
    ];
    for lang in Language::ALL {
        for kind in [MessageKind::NotAccepted, MessageKind::ContactCounty] {
            let mut f = facts(kind, lang, &o);
            f.reasons = many.clone();
            f.election_date = date(2026, 9, 30);
            f.cure_deadline = date(2026, 9, 30);
            f.today = date(2026, 9, 20);
            let Content::Sms { text } = render(&catalog, &f, Channel::Sms).unwrap() else {
                unreachable!()
            };
            let s = sms::segments(&text);
            assert!(s.segments <= MAX_SEGMENTS, "{lang} {kind}: {s:?} {text}");
            assert!(text.contains("(805) 781-5228"), "{lang} {kind}: {text}");
            let first = catalog
                .text(lang, None, "reason-nvs", &FluentArgs::new())
                .unwrap();
            assert!(text.contains(&first), "{lang} {kind}: {text}");
            // What did not fit is counted, never dropped silently.
            let shown = many
                .iter()
                .filter(|c| {
                    let id = format!("reason-{}", c.code().to_ascii_lowercase());
                    text.contains(&catalog.text(lang, None, &id, &FluentArgs::new()).unwrap())
                })
                .count();
            let left = many.len() - shown;
            // Chinese and Japanese fit them all; English cannot.
            assert!(left > 0 || lang != Language::EN, "{kind}: all fit? {text}");
            if left == 0 {
                continue;
            }
            let mut a = FluentArgs::new();
            a.set("count", FluentValue::from(left));
            let more = catalog.text(lang, None, "reasons-more", &a).unwrap();
            assert!(
                text.contains(&more),
                "{lang} {kind}: {more:?} not in {text}"
            );
        }
    }
}

#[test]
fn a_part_left_empty_is_never_rendered() {
    let catalog = Catalog::builtin().unwrap();
    let o = CountyOffice {
        phone: " ".into(),
        ..office()
    };
    let f = facts(MessageKind::ContactCounty, Language::EN, &o);
    let e = render(&catalog, &f, Channel::Sms).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the en text contact-county.sms would be sent with $county_phone empty"
    );
    // A link only emails have, in a text message: refused too.
    let mut c = Catalog::builtin().unwrap();
    let key = crate::notify::catalog::OverrideKey::parse("state/en/accepted.sms").unwrap();
    c.set_override(key, "Counted. See { $manage_url }").unwrap();
    let o = office();
    let mut f = facts(MessageKind::Accepted, Language::EN, &o);
    f.manage_url = String::new();
    let e = render(&c, &f, Channel::Sms).unwrap_err();
    assert!(e.to_string().contains("$manage_url empty"), "{e}");
}

#[test]
fn every_built_in_text_uses_only_the_variables_its_message_always_has() {
    for lang in Language::ALL {
        let path = format!(
            "{}/i18n/{}/messages.ftl",
            env!("CARGO_MANIFEST_DIR"),
            lang.code()
        );
        let source = std::fs::read_to_string(&path).unwrap();
        let res = fluent_bundle::FluentResource::try_new(source).unwrap();
        for entry in res.entries() {
            let fluent_syntax::ast::Entry::Message(m) = entry else {
                continue;
            };
            let id = m.id.name;
            let parts = m.value.iter().map(|p| (id.to_string(), p)).chain(
                m.attributes
                    .iter()
                    .map(|a| (format!("{id}.{}", a.id.name), &a.value)),
            );
            for (text_id, p) in parts {
                let allowed = text_variables(&text_id);
                for r in crate::ftl::references(p) {
                    let crate::ftl::Reference::Variable(v) = &r else {
                        panic!("{lang} {text_id}: {r:?}");
                    };
                    assert!(
                        allowed.contains(&v.as_str()),
                        "{lang} {text_id} uses ${v}, not among {allowed:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_notice_of_an_added_contact_names_it_masked_with_its_link_in_every_language() {
    let catalog = Catalog::builtin().unwrap();
    // A public address of a real size, and a removal token as sealed.
    let signer = crate::signer::Signer::new(&crate::store::Keys::derive(&[7; 32]));
    let token = signer.seal_contact(u128::MAX / 3, Channel::Voice, 0xffff, u32::MAX);
    // A public address longer than most.
    let url = format!("https://ballots.sanluisobispocounty.ca.gov/contact-added/km/{token}");
    let mut long = Vec::new();
    for lang in Language::ALL {
        for added in Channel::ALL {
            let address = match added {
                Channel::Email => "ana.maria@example.org",
                _ => "+19165550100",
            };
            for channel in Channel::ALL {
                let masked = match channel {
                    Channel::Sms => crate::domain::subscription::masked_for_sms(address),
                    _ => crate::domain::subscription::masked(address),
                };
                let c = render_contact_added(&catalog, lang, channel, added, address, &url)
                    .unwrap_or_else(|e| panic!("{lang:?} {channel}: {e}"));
                let t = texts(&c);
                assert!(!t.contains('{') && !t.contains('\u{2068}'), "{lang:?}: {t}");
                match &c {
                    Content::Voice { script, .. } => {
                        // A call gives no link, and names no address.
                        assert!(!script.contains("http"), "{lang:?}: {script}");
                        assert!(
                            !script.contains("0100") && !script.contains('@'),
                            "{lang:?}: {script}"
                        );
                    }
                    Content::Sms { text } => {
                        assert!(
                            text.contains(&masked) && text.contains(&url),
                            "{lang:?}: {text}"
                        );
                        let s = sms::segments(text);
                        if s.segments > MAX_SEGMENTS {
                            long.push(format!("{lang:?}: {s:?} {text}"));
                        }
                    }
                    Content::Email { text, html, .. } => {
                        assert!(
                            text.contains(&masked) && text.contains(&url),
                            "{lang:?}: {text}"
                        );
                        assert!(
                            html.contains(&format!("href=\"{url}\"")),
                            "{lang:?}: {html}"
                        );
                    }
                }
            }
        }
    }
    assert!(long.is_empty(), "{long:#?}");
}
