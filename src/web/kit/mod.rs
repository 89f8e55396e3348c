//! What the three faces of the web layer (the API, the voter pages, the
//! staff pages) share.

pub mod escape;
pub mod form;
