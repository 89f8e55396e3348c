//! Posted forms: the body read within a limit, and the CSRF check every form
//! passes (a hidden field holding a keyed hash of the `bt_csrf` cookie).

use super::Ctx;
use crate::web::Incoming;
use crate::web::error::ApiError;
use http_body_util::{BodyExt, Limited};
use hyper::Request;

/// The voter forms are small.
const MAX_FORM: usize = 16 * 1024;

/// A posted form's fields.
pub struct Form(Vec<(String, String)>);

impl Form {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }
}

/// The CSRF cookie's name: over TLS `__Host-bt_csrf`, which a browser only
/// takes when it is Secure, for Path=/ and without a Domain, so a sibling
/// subdomain or a plain-HTTP page cannot plant one.
pub fn csrf_cookie(secure: bool) -> &'static str {
    if secure { "__Host-bt_csrf" } else { "bt_csrf" }
}

/// Gives the client a CSRF cookie if it has none, and the form token.
pub fn ensure_csrf(ctx: &mut Ctx<'_>) {
    let signer = ctx.app.notifier.signer();
    let name = csrf_cookie(ctx.secure());
    let kept = match ctx.cookie(name) {
        Some(c) if c.len() == 32 && c.bytes().all(|b| b.is_ascii_hexdigit()) => {
            Some(signer.form_token(c))
        }
        _ => None,
    };
    ctx.csrf = match kept {
        Some(token) => token,
        None => {
            let c = hex::encode(rand::random::<[u8; 16]>());
            // A session cookie: it lasts as long as the browser is open.
            let secure = if ctx.secure() { "; Secure" } else { "" };
            ctx.set_cookies.push(format!(
                "{name}={c}; Path=/; HttpOnly; SameSite=Lax{secure}"
            ));
            signer.form_token(&c)
        }
    };
}

/// Reads a posted form and checks its CSRF token.
pub async fn read(ctx: &Ctx<'_>, req: Request<Incoming>) -> Result<Form, ApiError> {
    let body = Limited::new(req.into_body(), MAX_FORM)
        .collect()
        .await
        .map_err(|_| ApiError::PayloadTooLarge("the form is too large".into()))?
        .to_bytes();
    let form = Form(crate::web::kit::form::pairs(&body));
    if !crate::signer::same(&ctx.csrf, form.get("csrf")) {
        return Err(ApiError::Forbidden("the form token does not match".into()));
    }
    Ok(form)
}

#[cfg(test)]
mod tests {
    #[test]
    fn over_tls_the_csrf_cookie_is_host_only() {
        assert_eq!(super::csrf_cookie(true), "__Host-bt_csrf");
        assert_eq!(super::csrf_cookie(false), "bt_csrf");
    }
}
