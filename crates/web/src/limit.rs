//! Rate limits for the public endpoints (application form, progress lookup) and the login form:
//! a token bucket per client address, in memory. Guessing a check code or a password takes
//! many tries; this makes many tries take a long time.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::problem::{ApiProblem, Problem};
use crate::state::AppState;

/// Buckets kept before idle ones are dropped.
const MAX_CLIENTS: usize = 50_000;

/// A token bucket per client.
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimiter {
    /// `n` requests a minute, with bursts of up to `n` (at least one).
    pub fn per_minute(n: u32) -> RateLimiter {
        let n = f64::from(n.max(1));
        RateLimiter {
            per_second: n / 60.0,
            burst: n,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `client`: `Ok` to go on, `Err(seconds)` to wait.
    pub fn take(&self, client: IpAddr) -> Result<(), u64> {
        self.take_at(client, Instant::now())
    }

    fn take_at(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        let Ok(mut buckets) = self.buckets.lock() else {
            // A poisoned lock means a panic elsewhere; refusing everyone would be worse.
            return Ok(());
        };
        if buckets.len() >= MAX_CLIENTS {
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * rate < burst
            });
        }
        let (tokens, at) = buckets.entry(client).or_insert((self.burst, now));
        let refill = now.duration_since(*at).as_secs_f64() * self.per_second;
        *tokens = (*tokens + refill).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / self.per_second).ceil() as u64)
        }
    }
}

/// The client's address: the connection's peer, or the first `X-Forwarded-For` address when
/// the server is configured to trust a proxy.
pub fn client_ip(headers: &HeaderMap, peer: Option<SocketAddr>, trust_proxy: bool) -> IpAddr {
    if trust_proxy {
        if let Some(ip) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok())
        {
            return ip;
        }
    }
    peer.map_or(IpAddr::from([0, 0, 0, 0]), |p| p.ip())
}

/// Middleware: rate-limits the routes it wraps (pages get a page, `/api` gets JSON).
pub async fn limited(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let ip = client_ip(req.headers(), peer, state.config.trust_proxy);
    match state.limiter.take(ip) {
        Ok(()) => next.run(req).await,
        Err(wait) => {
            let p = Problem::rate_limited(wait);
            let mut r = if req.uri().path().starts_with("/api/") {
                ApiProblem(p).into_response()
            } else {
                p.into_response()
            };
            if let Ok(v) = axum::http::HeaderValue::from_str(&wait.to_string()) {
                r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_empties_and_refills() {
        let l = RateLimiter::per_minute(3);
        let ip = IpAddr::from([10, 0, 0, 1]);
        let t0 = Instant::now();
        assert!(l.take_at(ip, t0).is_ok());
        assert!(l.take_at(ip, t0).is_ok());
        assert!(l.take_at(ip, t0).is_ok());
        let wait = l
            .take_at(ip, t0)
            .expect_err("the fourth request at once is refused");
        assert_eq!(wait, 20);
        // Another client is not affected.
        assert!(l.take_at(IpAddr::from([10, 0, 0, 2]), t0).is_ok());
        // Twenty seconds later one token is back.
        assert!(l.take_at(ip, t0 + Duration::from_secs(20)).is_ok());
        assert!(l.take_at(ip, t0 + Duration::from_secs(20)).is_err());
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            axum::http::HeaderValue::from_static("203.0.113.9, 10.0.0.1"),
        );
        let peer = Some(SocketAddr::from(([127, 0, 0, 1], 5000)));
        assert_eq!(client_ip(&h, peer, false), IpAddr::from([127, 0, 0, 1]));
        assert_eq!(client_ip(&h, peer, true), IpAddr::from([203, 0, 113, 9]));
    }
}
