//! ballot-tracker: vote-by-mail ballot tracking for California counties.
//! See ARCHITECTURE.md for the map.

pub mod cli;
pub mod clock;
pub mod codec;
pub mod config;
pub mod demo;
pub mod domain;
pub mod ftl;
pub mod ingest;
pub mod notify;
pub mod service;
pub mod signer;
pub mod store;
pub mod web;

/// mimalloc for every binary built on this crate (the service, the tests,
/// the benchmarks): a page view allocates many small strings, and glibc's
/// allocator cost about a tenth of the voter page's CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
