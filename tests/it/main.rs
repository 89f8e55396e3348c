//! The black-box tests, one module per subject, in one binary: one link
//! step instead of one per file. Shared parts: `common` (a store, import
//! options, the in-process server) and `twilio_server` (a local server
//! speaking Twilio's API).

mod common;
mod twilio_server;

mod api;
mod architecture;
mod backup;
mod browser;
mod cli;
mod contact_ownership;
mod crash_dispatch;
mod crash_import;
mod election_rules;
mod feed_parsing;
mod feed_rules;
mod ingest_ballots;
mod ingest_resume;
mod ingest_voters;
mod message_truth;
mod notify_calendar;
mod notify_engine;
mod notify_smtp;
mod notify_twilio;
mod portal;
mod secrets_logs;
mod slow_clients;
mod systemd;
