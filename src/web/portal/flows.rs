//! Sign-ups in progress, by a random id kept in the `bt_flow` cookie. In
//! memory: a restart only means starting the sign-up again. Bounded, and
//! each lasts 30 minutes.

use crate::domain::{LookupKey, VoterId};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const LIFETIME: Duration = Duration::from_secs(30 * 60);
/// Flows kept at most; past it the oldest go first.
const MAX_FLOWS: usize = 200_000;

/// Where a sign-up stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flow {
    /// The form matched no voter who can sign up.
    NoMatch,
    /// Several voters match: the VoteCal id decides among those of this key.
    Several(LookupKey),
    /// One voter: their choices come next.
    Identified(VoterId),
    /// Choices made: the codes sent are being entered.
    Confirming(VoterId),
}

#[derive(Default)]
pub struct Flows {
    map: Mutex<HashMap<[u8; 16], (Flow, Instant)>>,
}

impl Flows {
    /// Starts a flow; returns its id for the cookie.
    pub fn start(&self, flow: Flow) -> String {
        let id: [u8; 16] = rand::random();
        let mut m = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if m.len() >= MAX_FLOWS {
            let now = Instant::now();
            m.retain(|_, (_, t)| now.duration_since(*t) < LIFETIME);
            if m.len() >= MAX_FLOWS
                && let Some(oldest) = m.iter().min_by_key(|(_, (_, t))| *t).map(|(k, _)| *k)
            {
                m.remove(&oldest);
            }
        }
        m.insert(id, (flow, Instant::now()));
        hex::encode(id)
    }

    pub fn get(&self, id: &str) -> Option<Flow> {
        let key = parse(id)?;
        let m = self.map.lock().unwrap_or_else(|e| e.into_inner());
        m.get(&key)
            .filter(|(_, t)| t.elapsed() < LIFETIME)
            .map(|(f, _)| f.clone())
    }

    pub fn set(&self, id: &str, flow: Flow) -> bool {
        let Some(key) = parse(id) else { return false };
        let mut m = self.map.lock().unwrap_or_else(|e| e.into_inner());
        match m.get_mut(&key) {
            Some(entry) => {
                entry.0 = flow;
                true
            }
            None => false,
        }
    }

    pub fn end(&self, id: &str) {
        if let Some(key) = parse(id) {
            self.map
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&key);
        }
    }
}

fn parse(id: &str) -> Option<[u8; 16]> {
    let mut out = [0u8; 16];
    hex::decode_to_slice(id, &mut out).ok()?;
    Some(out)
}
