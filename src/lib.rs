//! ballot-tracker: vote-by-mail ballot tracking for California counties.
//! See ARCHITECTURE.md for the map.

pub mod domain;
pub mod codec;
pub mod store;
pub mod ingest;
pub mod config;
pub mod service;
pub mod web;
pub mod demo;
pub mod cli;
