//! Posted forms: the body read within a limit, and the CSRF check every form
//! passes (a hidden field holding a keyed hash of the `bt_csrf` cookie).

use super::Ctx;
use crate::notify::drivers::http::form_decode;
use crate::web::error::ApiError;
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Limited};
use hyper::Request;
use hyper::body::Incoming;
use sha2::Sha256;

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

fn token_for(secret: &[u8], cookie: &str) -> String {
    let mut m = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
    m.update(b"csrf\0");
    m.update(cookie.as_bytes());
    hex::encode(&m.finalize().into_bytes()[..16])
}

/// Gives the client a `bt_csrf` cookie if it has none, and the form token.
pub fn ensure_csrf(ctx: &mut Ctx<'_>) {
    let cookie = match ctx.cookie("bt_csrf") {
        Some(c) if c.len() == 32 && c.bytes().all(|b| b.is_ascii_hexdigit()) => c.to_string(),
        _ => {
            let c = hex::encode(rand::random::<[u8; 16]>());
            // A session cookie: it lasts as long as the browser is open.
            let secure = if ctx.secure() { "; Secure" } else { "" };
            ctx.set_cookies.push(format!(
                "bt_csrf={c}; Path=/; HttpOnly; SameSite=Lax{secure}"
            ));
            ctx.cookies.push(("bt_csrf".into(), c.clone()));
            c
        }
    };
    ctx.csrf = token_for(ctx.app.store.secret(), &cookie);
}

/// Reads a posted form and checks its CSRF token.
pub async fn read(ctx: &Ctx<'_>, req: Request<Incoming>) -> Result<Form, ApiError> {
    let body = Limited::new(req.into_body(), MAX_FORM)
        .collect()
        .await
        .map_err(|_| ApiError::PayloadTooLarge("the form is too large".into()))?
        .to_bytes();
    let form = Form(form_decode(&String::from_utf8_lossy(&body)));
    if !crate::notify::unsubscribe::same(&ctx.csrf, form.get("csrf")) {
        return Err(ApiError::Forbidden("the form token does not match".into()));
    }
    Ok(form)
}
