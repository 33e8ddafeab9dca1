//! A sliding-window rate limiter that reports its state the way real APIs do, in the IETF
//! `RateLimit` draft fields, the de-facto `X-RateLimit-*` family and `Retry-After`.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Allows `quota` requests per `window`, counted from each request's arrival.
#[derive(Debug)]
pub struct Limiter {
    pub policy: &'static str,
    pub quota: usize,
    pub window: Duration,
    arrivals: Mutex<VecDeque<Instant>>,
}

/// The limiter's answer to one request.
#[derive(Debug, Clone, Copy)]
pub struct Decision {
    pub allowed: bool,
    pub remaining: usize,
    /// Until a unit of quota is available again (0 when some are left).
    pub reset_in: Duration,
}

impl Limiter {
    pub fn new(policy: &'static str, quota: usize, window: Duration) -> Self {
        Self {
            policy,
            quota,
            window,
            arrivals: Mutex::new(VecDeque::new()),
        }
    }

    /// Counts a request arriving now. Rejected requests do not count against the quota.
    pub fn check(&self) -> Decision {
        let now = Instant::now();
        let mut arrivals = self
            .arrivals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while arrivals
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            arrivals.pop_front();
        }
        let allowed = arrivals.len() < self.quota;
        if allowed {
            arrivals.push_back(now);
        }
        let remaining = self.quota - arrivals.len();
        // When the oldest counted request leaves the window, one unit comes back.
        let reset_in = if remaining > 0 {
            Duration::ZERO
        } else {
            arrivals.front().map_or(Duration::ZERO, |oldest| {
                self.window.saturating_sub(now.duration_since(*oldest))
            })
        };
        Decision {
            allowed,
            remaining,
            reset_in,
        }
    }

    /// Headers describing a decision. Seconds are rounded up so a client that waits the
    /// advertised time is never early.
    pub fn headers(&self, decision: Decision) -> Vec<(&'static str, String)> {
        let reset_secs = ceil_secs(decision.reset_in);
        let window = self.window.as_secs();
        let epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
            + reset_secs;
        let mut headers = vec![
            (
                "RateLimit-Policy",
                format!("\"{}\";q={};w={window}", self.policy, self.quota),
            ),
            (
                "RateLimit",
                format!("\"{}\";r={};t={reset_secs}", self.policy, decision.remaining),
            ),
            ("X-RateLimit-Limit", self.quota.to_string()),
            ("X-RateLimit-Remaining", decision.remaining.to_string()),
            ("X-RateLimit-Reset", epoch.to_string()),
        ];
        if !decision.allowed {
            headers.push(("Retry-After", reset_secs.max(1).to_string()));
        }
        headers
    }
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_runs_out_and_reports_when_it_returns() {
        let limiter = Limiter::new("burst", 3, Duration::from_secs(10));
        let decisions: Vec<_> = (0..4).map(|_| limiter.check()).collect();
        assert_eq!(
            decisions.iter().map(|d| d.allowed).collect::<Vec<_>>(),
            [true, true, true, false]
        );
        assert_eq!(decisions[0].remaining, 2);
        assert_eq!(decisions[3].remaining, 0);
        assert!(decisions[3].reset_in > Duration::from_secs(9));
        let headers = limiter.headers(decisions[3]);
        assert!(headers.contains(&("Retry-After", "10".to_owned())), "{headers:?}");
        assert!(
            headers.contains(&("RateLimit", "\"burst\";r=0;t=10".to_owned())),
            "{headers:?}"
        );
    }
}
