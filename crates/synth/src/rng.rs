//! Seeded randomness: one independent stream per concern, and the few distributions we need.
//!
//! Each concern (cell values, label variants, page breaks, prose …) draws from its own stream
//! derived from the caller's seed. That keeps a change in one concern from shifting every draw
//! after it: a mutated value re-written with the same options changes that value and nothing
//! else, because the label and page-break streams never looked at the values.

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

/// SplitMix64: spreads nearby seeds (0, 1, 2 …) over the whole state space.
pub(crate) fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A sub-seed for `stream` of `seed`.
pub(crate) fn mix(seed: u64, stream: u64) -> u64 {
    splitmix64(seed ^ splitmix64(stream.wrapping_add(0x5EED)))
}

/// The generator for one stream of one seed.
pub(crate) fn stream(seed: u64, stream: u64) -> SmallRng {
    SmallRng::seed_from_u64(mix(seed, stream))
}

/// One item of a list, or the default for an empty list (never panics).
pub(crate) fn pick<T: Copy + Default>(rng: &mut SmallRng, items: &[T]) -> T {
    if items.is_empty() {
        return T::default();
    }
    items
        .get(rng.random_range(0..items.len()))
        .copied()
        .unwrap_or_default()
}

/// True with probability `p` (clamped to 0..=1).
pub(crate) fn chance(rng: &mut SmallRng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

/// A uniform float in `lo..hi` (or `lo` when the range is empty).
pub(crate) fn uniform(rng: &mut SmallRng, lo: f64, hi: f64) -> f64 {
    if hi > lo {
        rng.random_range(lo..hi)
    } else {
        lo
    }
}

/// A whole number in `lo..=hi` whose logarithm is uniform: small values common, large ones
/// rare but present — the shape of real request and decision counts.
pub(crate) fn log_uniform(rng: &mut SmallRng, lo: u64, hi: u64) -> u64 {
    let lo = lo.max(1);
    if hi <= lo {
        return lo;
    }
    let x = uniform(rng, (lo as f64).ln(), ((hi + 1) as f64).ln()).exp();
    (x.floor() as u64).clamp(lo, hi)
}

/// A whole number in `lo..=hi`, uniform.
pub(crate) fn between(rng: &mut SmallRng, lo: u64, hi: u64) -> u64 {
    if hi <= lo {
        lo
    } else {
        rng.random_range(lo..=hi)
    }
}

/// Binomial(n, p): exact for small n, a rounded normal approximation for large n (the exact
/// shape does not matter for test data; staying within 0..=n does).
pub(crate) fn binomial(rng: &mut SmallRng, n: u64, p: f64) -> u64 {
    let p = p.clamp(0.0, 1.0);
    if n <= 300 {
        return (0..n).filter(|_| rng.random_bool(p)).count() as u64;
    }
    let mean = n as f64 * p;
    let sd = (mean * (1.0 - p)).sqrt();
    // Box–Muller; `1 - u` keeps the logarithm finite.
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    ((mean + sd * z).round().max(0.0) as u64).min(n)
}

/// Splits `n` units over categories with the given weights (a multinomial draw). The parts
/// always sum to `n`; with no positive weight everything goes to the first category.
pub(crate) fn split(rng: &mut SmallRng, n: u64, weights: &[f64]) -> Vec<u64> {
    let mut parts = vec![0u64; weights.len()];
    if parts.is_empty() {
        return parts;
    }
    let total: f64 = weights.iter().map(|w| w.max(0.0)).sum();
    if total <= 0.0 {
        parts[0] = n;
        return parts;
    }
    let categorical = |rng: &mut SmallRng| -> usize {
        let mut x = uniform(rng, 0.0, total);
        for (i, w) in weights.iter().enumerate() {
            let w = w.max(0.0);
            if x < w {
                return i;
            }
            x -= w;
        }
        // Rounding can leave x a hair above the last weight: the last positive category.
        weights.iter().rposition(|w| *w > 0.0).unwrap_or(0)
    };
    if n <= 400 {
        for _ in 0..n {
            parts[categorical(rng)] += 1;
        }
        return parts;
    }
    // Large n: the expected share of each category, the remainder drawn unit by unit.
    let mut given = 0;
    for (part, w) in parts.iter_mut().zip(weights) {
        *part = (n as f64 * w.max(0.0) / total).floor() as u64;
        given += *part;
    }
    for _ in given..n {
        parts[categorical(rng)] += 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_sums_to_n() {
        let mut rng = stream(7, 1);
        for n in [0, 1, 5, 399, 401, 12345] {
            let parts = split(&mut rng, n, &[0.7, 0.2, 0.0, 0.1]);
            assert_eq!(parts.iter().sum::<u64>(), n);
            assert_eq!(parts[2], 0);
        }
        assert_eq!(split(&mut rng, 9, &[0.0, 0.0]), vec![9, 0]);
    }

    #[test]
    fn binomial_stays_in_range() {
        let mut rng = stream(3, 2);
        for n in [0, 10, 1000, 100_000] {
            for p in [0.0, 0.05, 0.5, 1.0] {
                assert!(binomial(&mut rng, n, p) <= n);
            }
        }
    }

    #[test]
    fn log_uniform_in_range() {
        let mut rng = stream(1, 1);
        for _ in 0..1000 {
            let x = log_uniform(&mut rng, 3, 700);
            assert!((3..=700).contains(&x));
        }
    }
}
