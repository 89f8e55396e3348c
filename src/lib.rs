//! ballot-tracker: vote-by-mail ballot tracking for California counties.
//! See ARCHITECTURE.md for the map.

pub mod cli;
pub mod codec;
pub mod config;
pub mod demo;
pub mod domain;
pub mod ingest;
pub mod notify;
pub mod service;
pub mod store;
pub mod web;
