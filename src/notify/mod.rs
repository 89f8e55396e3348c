//! The notification engine: catalogs and rendering, the outbox planner
//! (events → messages), the dispatcher (messages → providers), the drivers,
//! and what comes back (delivery reports, STOP/START/HELP).

pub mod catalog;
pub mod clock;
pub mod render;

#[cfg(test)]
mod catalog_tests;
