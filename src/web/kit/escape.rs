//! HTML escaping for the pages of every face, as maud escapes, a run of
//! plain bytes at a time.

/// Text for page markup, escaped a run at a time where maud's own escaping
/// goes a byte at a time: for what every voter page writes.
pub struct Text<'a>(pub &'a str);

impl maud::Render for Text<'_> {
    fn render_to(&self, out: &mut String) {
        escape_into(self.0, out);
    }
}

/// `s` escaped for HTML, in a string of its own.
pub fn escaped(s: &str) -> String {
    let mut html = String::with_capacity(s.len() + 16);
    escape_into(s, &mut html);
    html
}

/// `s` escaped for HTML text and attribute values, as maud escapes it, a
/// run of plain bytes at a time.
pub fn escape_into(s: &str, out: &mut String) {
    let special = |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"');
    // Most values need nothing escaped: a check without an early exit,
    // which the compiler can do many bytes at a time.
    if !s.bytes().fold(false, |any, b| any | special(b)) {
        out.push_str(s);
        return;
    }
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let with = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        out.push_str(with);
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_maud_escapes_it() {
        let mut out = String::new();
        let tricky = "a<b>&\"c\" d'e ñ 漢字 <<&&>>";
        escape_into(tricky, &mut out);
        assert_eq!(out, maud::html! { (tricky) }.into_string());
        let attr = maud::html! { a title=(Text(tricky)) { (Text(tricky)) } }.into_string();
        assert_eq!(
            attr,
            maud::html! { a title=(tricky) { (tricky) } }.into_string()
        );
    }
}
