//! A value worked out from the store and kept until a commit makes it out of
//! date: the elections every voter page shows, the snapshot voter pages share.

use super::Result;
use std::sync::Mutex;

pub(super) struct Kept<T> {
    inner: Mutex<Inner<T>>,
}

struct Inner<T> {
    /// Bumped by every `forget`.
    generation: u64,
    value: Option<T>,
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Self {
            inner: Mutex::new(Inner {
                generation: 0,
                value: None,
            }),
        }
    }
}

impl<T: Clone> Kept<T> {
    /// The kept value, or `make`'s, kept unless a `forget` came while it was
    /// made: that commit may have begun before the reading and ended after it.
    pub(super) fn get_or(&self, make: impl FnOnce() -> Result<T>) -> Result<T> {
        let generation = {
            let inner = self.lock();
            if let Some(v) = &inner.value {
                return Ok(v.clone());
            }
            inner.generation
        };
        let fresh = make()?;
        let mut inner = self.lock();
        if inner.generation == generation {
            inner.value = Some(fresh.clone());
        }
        Ok(fresh)
    }

    /// After a commit that makes the value out of date.
    pub(super) fn forget(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.value = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<T>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}
