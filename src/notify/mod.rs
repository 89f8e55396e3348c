//! The notification engine: catalogs and rendering, the outbox planner
//! (events → messages), the dispatcher (messages → providers), the drivers,
//! and what comes back (delivery reports, STOP/START/HELP).

pub mod catalog;
pub mod codes;
pub mod contact_notices;
pub mod dispatch;
pub mod drivers;
pub mod engine;
pub mod planner;
pub mod receipts;
pub mod reminders;
pub mod render;

#[cfg(test)]
mod catalog_tests;
#[cfg(test)]
mod render_tests;
