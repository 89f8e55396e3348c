//! California's time zone, on its own: elections, schedules and
//! subscriptions all read it, and none of them should import another for it.

use jiff::tz::TimeZone;

/// California's time zone, in which the state's dates are written.
pub fn pacific() -> TimeZone {
    static PACIFIC: std::sync::OnceLock<TimeZone> = std::sync::OnceLock::new();
    PACIFIC
        .get_or_init(|| {
            TimeZone::get("America/Los_Angeles")
                .expect("bundled tz database has America/Los_Angeles")
        })
        .clone()
}
