//! HTML pages (maud, no scripts).

use super::error::{ApiError, Body};
use bytes::Bytes;
use http_body_util::Full;
use hyper::{Response, header};
use maud::{DOCTYPE, html};

pub fn index() -> Response<Body> {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "ballot-tracker" }
            }
            body {
                main {
                    h1 { "ballot-tracker is running" }
                    p { "Vote-by-mail ballot tracking for California counties." }
                }
            }
        }
    };
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Full::new(Bytes::from(page.into_string())))
        .unwrap_or_else(|e| ApiError::Internal(e.to_string()).into_response())
}
