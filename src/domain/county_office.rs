//! What messages say about a county elections office: how to reach it, and
//! how long its mail takes.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountyOffice {
    /// The phone number voters call, as it is written for them.
    pub phone: String,
    /// The office's web page.
    pub web: String,
    /// Days a mailed ballot takes to reach a voter: at least, at most.
    pub transit_days: (u8, u8),
}

impl Default for CountyOffice {
    /// Until a county sets its own, messages point to the Secretary of
    /// State's voter hotline and elections page.
    fn default() -> Self {
        Self {
            phone: "(800) 345-8683".into(),
            web: "https://www.sos.ca.gov/elections".into(),
            transit_days: (2, 5),
        }
    }
}

impl CountyOffice {
    /// The days between which a ballot mailed on `mailed` should arrive.
    pub fn expected_delivery(&self, mailed: Date) -> (Date, Date) {
        let add = |d: u8| mailed.checked_add((d as i32).days()).unwrap_or(mailed);
        (add(self.transit_days.0), add(self.transit_days.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn delivery_window_is_mail_date_plus_transit_days() {
        let office = CountyOffice {
            transit_days: (3, 7),
            ..CountyOffice::default()
        };
        assert_eq!(
            office.expected_delivery(date(2026, 10, 5)),
            (date(2026, 10, 8), date(2026, 10, 12))
        );
    }
}
