//! `application/x-www-form-urlencoded` bodies and query strings, read with
//! the `form_urlencoded` crate (the WHATWG rules: `+` is a space, a stray
//! `%` stays as it is, invalid UTF-8 becomes U+FFFD).

/// The pairs of a form body or query string, in order (Twilio's callbacks
/// sign every pair).
pub fn pairs(s: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(s).into_owned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_decoded_in_order() {
        let body = "Body=Hola%2C+%C2%BFqu%C3%A9+tal%3F+50%25+%26+more%2B&To=%2B19165550101";
        let p = pairs(body.as_bytes());
        assert_eq!(p[0], ("Body".into(), "Hola, ¿qué tal? 50% & more+".into()));
        assert_eq!(p[1], ("To".into(), "+19165550101".into()));
        // A stray percent sign is kept as it is; bad UTF-8 does not fail.
        assert_eq!(
            pairs(b"a=100%&b=%4&c=%FF"),
            [
                ("a".into(), "100%".into()),
                ("b".into(), "%4".into()),
                ("c".into(), "\u{FFFD}".into())
            ]
        );
    }
}
