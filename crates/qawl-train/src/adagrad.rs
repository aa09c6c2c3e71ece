//! The learner of the speaker and kinds models: full-batch AdaGrad with an
//! L2 penalty over sparse feature weights, and the rounding of the weights
//! into a model file.
//!
//! Deterministic: the gradient is summed in the caller's (fixed) order and
//! the weights are updated in key order, so the same data gives the same
//! model bytes.

use std::collections::HashMap;

/// Sparse weights (or a gradient), by feature key.
pub type Sparse = HashMap<u32, f64>;

/// Weights are rounded to this many decimals in a model file.
const ROUND: f64 = 1000.0;
/// Keeps AdaGrad's step finite for a feature whose gradient has been zero.
const EPSILON: f64 = 1e-8;

/// How long and how hard to learn.
#[derive(Clone, Copy, Debug)]
pub struct AdaGrad {
    pub iterations: usize,
    pub l2: f64,
    pub rate: f64,
}

impl AdaGrad {
    /// Whether `--name` sets the learner (`--iterations`, `--l2`).
    pub fn takes(name: &str) -> bool {
        matches!(name, "iterations" | "l2")
    }

    /// Sets what option `--name` says with `value`.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let bad = |e: &dyn std::fmt::Display| format!("--{name}: {e}");
        match name {
            "iterations" => self.iterations = value.parse().map_err(|e| bad(&e))?,
            "l2" => self.l2 = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("--{name} does not set the learner")),
        }
        Ok(())
    }

    /// Minimises a loss whose gradient at `w`, without the L2 term,
    /// `gradient` adds into its second argument; returns the weights.
    pub fn minimise(&self, mut gradient: impl FnMut(&Sparse, &mut Sparse)) -> Sparse {
        let mut w = Sparse::new();
        let mut g2 = Sparse::new();
        for _ in 0..self.iterations {
            let mut grad = Sparse::new();
            gradient(&w, &mut grad);
            let mut keys: Vec<u32> = grad.keys().chain(w.keys()).copied().collect();
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                let wk = w.get(&k).copied().unwrap_or(0.0);
                let g = grad.get(&k).copied().unwrap_or(0.0) + self.l2 * wk;
                let a = g2.entry(k).or_default();
                *a += g * g;
                w.insert(k, wk - self.rate * g / (a.sqrt() + EPSILON));
            }
        }
        w
    }
}

/// The score of a feature set under `w`.
pub fn dot(w: &Sparse, feats: &[u32]) -> f64 {
    feats.iter().map(|f| w.get(f).copied().unwrap_or(0.0)).sum()
}

/// The weights as a model file stores them: rounded, as `f32`.
pub fn rounded(w: Sparse) -> impl Iterator<Item = (u32, f32)> {
    w.into_iter()
        .map(|(k, v)| (k, ((v * ROUND).round() / ROUND) as f32))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One feature pushed towards 1 by a squared loss: AdaGrad gets there.
    #[test]
    fn minimises_a_simple_loss() {
        let opt = AdaGrad {
            iterations: 500,
            l2: 0.0,
            rate: 0.5,
        };
        let w = opt.minimise(|w, g| {
            *g.entry(7).or_default() += dot(w, &[7]) - 1.0;
        });
        assert!((w[&7] - 1.0).abs() < 1e-3, "{w:?}");
        let r: Vec<(u32, f32)> = rounded(w).collect();
        assert_eq!(r, vec![(7, 1.0)]);
    }
}
