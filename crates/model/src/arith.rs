//! Evaluating relations over a report, and inferring missing cells from them.
//!
//! A relation with exactly one `missing` operand, and every other operand printed or inferred,
//! fixes that operand: it becomes `inferred`, and names the relation. Blank and not-applicable
//! cells are never inferred and never read as zero: a relation touching one is undecided.

use crate::format::{CellKey, ValueKind};
use crate::relation::{Compare, Relation};
use crate::report::{format_value, Cell, CellState, Inference, Report};

/// Tolerance for comparing sums (amounts are decimals in 万元).
pub const EPSILON: f64 = 1e-6;

/// The result of evaluating one relation.
#[derive(Debug, Clone, PartialEq)]
pub enum Eval {
    Holds {
        lhs: f64,
        rhs: f64,
    },
    Fails {
        lhs: f64,
        rhs: f64,
    },
    /// Some operand has no value. `if_empty_zero` says how it would come out if every blank
    /// and not-applicable operand were 0 (`None` when an operand is missing outright).
    Undecided {
        missing: Vec<CellKey>,
        empty: Vec<CellKey>,
        if_empty_zero: Option<bool>,
    },
}

/// The sum of the values of `keys`, with the operands that are missing and those printed empty.
/// `positions` are the keys' places in the format's cell order, when known (else empty).
fn side(
    report: &Report,
    keys: &[CellKey],
    positions: &[usize],
) -> (f64, Vec<CellKey>, Vec<CellKey>) {
    let mut sum = 0.0;
    let mut missing = Vec::new();
    let mut empty = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let cell = match positions.get(i) {
            Some(&at) => report.cell_at(at, k),
            None => report.cell(k),
        };
        match cell {
            Some(c) if c.state.has_value() => sum += c.value.unwrap_or(0.0),
            Some(c) if matches!(c.state, CellState::Blank | CellState::NotApplicable) => {
                empty.push(*k)
            }
            _ => missing.push(*k),
        }
    }
    (sum, missing, empty)
}

fn holds(compare: Compare, lhs: f64, rhs: f64) -> bool {
    match compare {
        Compare::Equal => (lhs - rhs).abs() <= EPSILON,
        Compare::AtMost => lhs <= rhs + EPSILON,
    }
}

/// The sum of the values of `keys` when each is found at its position (`positions`, the keys'
/// places in the format's cell order) in `cells` (a report's cells in that order) and has a
/// value: what [`side`] gives then, as it adds them, in order. `None` when any is not (then
/// [`side`] decides, naming the operands that lack a value). Relations are evaluated dozens of
/// times per report and nearly every operand is a value at its place: this is their common case,
/// without the lists of unknowns or a lookup.
#[inline]
fn known_sum(cells: &[Cell], keys: &[CellKey], positions: &[usize]) -> Option<f64> {
    if positions.len() != keys.len() {
        return None;
    }
    let mut sum = 0.0;
    for (k, &at) in keys.iter().zip(positions) {
        let c = cells.get(at)?;
        if !c.has_key_by_address(k) || !c.state.has_value() {
            return None;
        }
        sum += c.value.unwrap_or(0.0);
    }
    Some(sum)
}

/// The outcome of a relation whose operands all have values, with these sums.
fn decided(compare: Compare, lhs: f64, rhs: f64) -> Eval {
    if holds(compare, lhs, rhs) {
        Eval::Holds { lhs, rhs }
    } else {
        Eval::Fails { lhs, rhs }
    }
}

/// Evaluates a relation over a report's cells.
pub fn evaluate(rel: &Relation, report: &Report) -> Eval {
    let (lhs_at, rhs_at) = rel.side_positions();
    if let Some(cells) = report.cells_in_format_order() {
        if let Some(l) = known_sum(cells, &rel.lhs, lhs_at) {
            if let Some(r) = known_sum(cells, &rel.rhs, rhs_at) {
                return decided(rel.def.compare, l, r);
            }
        }
    }
    evaluate_by_sides(rel, report)
}

/// [`evaluate`] of each of a report's format's relations ([`crate::formats::relations`]), the
/// values of the report's cells taken once for all of them: a report's relations are evaluated
/// together, and nearly every operand is a value at its place, told there once per cell rather
/// than once per relation it is in.
pub struct Evaluator<'r> {
    report: &'r Report,
    relations: &'static [Relation],
    /// The value of each cell by its place in the format's cell order, NaN where the cell there
    /// has none or is not the place's own (by the addresses of its key strings); `None` when the
    /// report does not keep its cells in that order.
    known: Option<Vec<f64>>,
    /// For each relation: whether its every operand is, by the addresses of its key strings,
    /// the key of its place in the format's cell order.
    by_address: &'static [bool],
}

impl<'r> Evaluator<'r> {
    pub fn new(report: &'r Report) -> Evaluator<'r> {
        let format_cells = crate::report::format_cells(report.format);
        let known = report.cells_in_format_order().map(|cells| {
            cells
                .iter()
                .zip(format_cells)
                .map(|(c, own)| {
                    // Every test made, without a branch between them: the same answer as
                    // stopping at the first that fails, in fewer steps for a loop over every
                    // cell of the report.
                    let mine = c.same_key_by_address(own) & c.state.has_value();
                    let value = c.value.unwrap_or(0.0);
                    if mine {
                        value
                    } else {
                        f64::NAN
                    }
                })
                .collect()
        });
        Evaluator {
            report,
            relations: crate::formats::relations(report.format),
            known,
            by_address: operands_by_address(report.format),
        }
    }

    /// [`evaluate`] of `rel`, the relation at place `i` of the report's format's relations.
    pub fn evaluate(&self, i: usize, rel: &Relation) -> Eval {
        self.evaluate_with(i, rel, true)
    }

    /// [`evaluate`](Self::evaluate), with the values taken once (`known_values`) or not.
    fn evaluate_with(&self, i: usize, rel: &Relation, known_values: bool) -> Eval {
        if known_values {
            if let Some((l, r)) = self.known_sides(i, rel) {
                return decided(rel.def.compare, l, r);
            }
        }
        evaluate(rel, self.report)
    }

    /// Whether [`evaluate`](Self::evaluate) of `rel` (at place `i`) is `Holds`, when the values
    /// taken once say so; `false` says nothing (it is then to be evaluated). Inlined where the
    /// relations are gone through: nearly every relation of a report holds, told here without
    /// making its [`Eval`].
    #[inline]
    pub fn holds_by_values(&self, i: usize, rel: &Relation) -> bool {
        self.known_sides(i, rel)
            .is_some_and(|(l, r)| holds(rel.def.compare, l, r))
    }

    /// Both sides of `rel` (at place `i`) summed from the values taken once, when every operand
    /// has one there.
    #[inline]
    fn known_sides(&self, i: usize, rel: &Relation) -> Option<(f64, f64)> {
        let known = self.known.as_deref()?;
        let ours = self.relations.get(i).is_some_and(|r| std::ptr::eq(r, rel));
        if !ours || self.by_address.get(i) != Some(&true) {
            return None;
        }
        let (lhs_at, rhs_at) = rel.side_positions();
        // NaN when an operand has no value (or is not at its place): then decided in full.
        // Added in order from 0, as `known_sum` does, for the same sums.
        let sum = |at: &[usize]| {
            at.iter().fold(0.0, |sum, &at| {
                sum + known.get(at).copied().unwrap_or(f64::NAN)
            })
        };
        let (l, r) = (sum(lhs_at), sum(rhs_at));
        (!l.is_nan() && !r.is_nan()).then_some((l, r))
    }
}

/// For each relation of a format ([`crate::formats::relations`]): whether its operands are all, by
/// the addresses of their key strings, the keys of their places in the format's cell order (so
/// that a cell found at its place by address is found so for the relation too). Made once.
fn operands_by_address(format: crate::format::FormatId) -> &'static [bool] {
    use std::sync::OnceLock;
    static CACHE: [OnceLock<Vec<bool>>; crate::format::FormatId::COUNT] =
        [const { OnceLock::new() }; crate::format::FormatId::COUNT];
    CACHE[format.index()].get_or_init(|| {
        let cells = crate::report::format_cells(format);
        crate::formats::relations(format)
            .iter()
            .map(|rel| {
                let positions = &rel.positions;
                positions.len() == rel.lhs.len() + rel.rhs.len()
                    && rel
                        .cells()
                        .zip(positions)
                        .all(|(k, &at)| cells.get(at).is_some_and(|c| c.has_key_by_address(k)))
            })
            .collect()
    })
}

/// [`evaluate`] without its shortcut: both sides summed by [`side`].
fn evaluate_by_sides(rel: &Relation, report: &Report) -> Eval {
    let (lhs_at, rhs_at) = rel.side_positions();
    let (l, lm, le) = side(report, &rel.lhs, lhs_at);
    let (r, rm, re) = side(report, &rel.rhs, rhs_at);
    let mut missing = lm;
    missing.extend(rm);
    let mut empty = le;
    empty.extend(re);
    if missing.is_empty() && empty.is_empty() {
        decided(rel.def.compare, l, r)
    } else {
        let if_empty_zero = missing.is_empty().then(|| holds(rel.def.compare, l, r));
        Eval::Undecided {
            missing,
            empty,
            if_empty_zero,
        }
    }
}

/// The relation's arithmetic with the report's values, e.g. `5 + 0 ≠ 4 + 0`.
/// Missing operands print as `?`, blank ones as `_`, not-applicable ones as `/`.
pub fn evidence(rel: &Relation, report: &Report) -> String {
    let term = |k: &CellKey| match report.cell(k) {
        Some(c) if c.state.has_value() => format_value(c.value.unwrap_or(0.0)),
        Some(c) if c.state == CellState::Blank => "_".to_string(),
        Some(c) if c.state == CellState::NotApplicable => "/".to_string(),
        _ => "?".to_string(),
    };
    let join = |keys: &[CellKey]| keys.iter().map(term).collect::<Vec<_>>().join(" + ");
    let op = match evaluate(rel, report) {
        Eval::Holds { .. } => match rel.def.compare {
            Compare::Equal => "=",
            Compare::AtMost => "≤",
        },
        Eval::Fails { .. } => match rel.def.compare {
            Compare::Equal => "≠",
            Compare::AtMost => ">",
        },
        Eval::Undecided { .. } => match rel.def.compare {
            Compare::Equal => "=?",
            Compare::AtMost => "≤?",
        },
    };
    let mut s = format!("{} {} {}", join(&rel.lhs), op, join(&rel.rhs));
    if let Eval::Fails { lhs, rhs } = evaluate(rel, report) {
        if rel.lhs.len() > 1 || rel.rhs.len() > 1 {
            s.push_str(&format!(
                " ({} {} {})",
                format_value(lhs),
                op,
                format_value(rhs)
            ));
        }
    }
    s
}

/// Fills `missing` cells that a relation fixes, repeatedly, until nothing changes.
/// Returns the keys of the cells it inferred, in the order it inferred them.
pub fn infer_missing(report: &mut Report, relations: &[Relation]) -> Vec<CellKey> {
    // Only a cell of the report that is `missing` can be inferred (an operand the report does
    // not have at all is not set): with none, no relation need be looked at.
    if !report.cells.iter().any(|c| c.state == CellState::Missing) {
        return Vec::new();
    }
    infer_by_relations(report, relations)
}

/// [`infer_missing`] without its shortcut: every relation tried until nothing changes.
fn infer_by_relations(report: &mut Report, relations: &[Relation]) -> Vec<CellKey> {
    let mut inferred = Vec::new();
    loop {
        let mut changed = false;
        for rel in relations {
            if !rel.def.infers || rel.def.compare != Compare::Equal {
                continue;
            }
            if let Some((key, value, evidence)) = solve_single_unknown(rel, report) {
                if let Some(cell) = report.cell_mut(&key) {
                    cell.state = CellState::Inferred;
                    cell.value = Some(value);
                    cell.inferred_by = Some(Box::new(Inference {
                        rule: rel.def.rule,
                        along: rel.along,
                        evidence,
                    }));
                    inferred.push(key);
                    changed = true;
                }
            }
        }
        if !changed {
            return inferred;
        }
    }
}

/// If exactly one operand is missing and every other has a value, the value the relation gives
/// it (only when that value is admissible for the cell's kind).
fn solve_single_unknown(rel: &Relation, report: &Report) -> Option<(CellKey, f64, String)> {
    let (lhs_at, rhs_at) = rel.side_positions();
    let (l, lm, le) = side(report, &rel.lhs, lhs_at);
    let (r, rm, re) = side(report, &rel.rhs, rhs_at);
    if !le.is_empty() || !re.is_empty() || lm.len() + rm.len() != 1 {
        return None;
    }
    let (key, value) = if let Some(k) = lm.first() {
        (*k, r - l)
    } else {
        (*rm.first()?, l - r)
    };
    let kind = report
        .format_def()
        .table(key.table)
        .and_then(|t| t.column(key.column))
        .map(|c| c.kind)
        .unwrap_or(ValueKind::Count);
    let admissible = match kind {
        ValueKind::Count => value >= -EPSILON && (value - value.round()).abs() <= EPSILON,
        ValueKind::Amount => value >= -EPSILON,
        ValueKind::Change => true,
    };
    if !admissible {
        return None;
    }
    let value = if kind == ValueKind::Amount {
        value.max(0.0)
    } else {
        value.round()
    };
    // Evidence written as the solved equation, e.g. `total = 5 + 0 + 0 = 5`.
    let known = |keys: &[CellKey]| {
        let values: Vec<f64> = keys
            .iter()
            .filter(|k| **k != key)
            .map(|k| report.value(k).unwrap_or(0.0))
            .collect();
        terms(&values)
    };
    let evidence = if !lm.is_empty() {
        let others = known(&rel.lhs);
        let rhs = known(&rel.rhs).join(" + ");
        if others.is_empty() {
            format!(
                "{} = {} = {}",
                key.column_or_row(rel),
                rhs,
                format_value(value)
            )
        } else {
            format!(
                "{} = ({}) − ({}) = {}",
                key.column_or_row(rel),
                rhs,
                others.join(" + "),
                format_value(value)
            )
        }
    } else {
        let others = known(&rel.rhs);
        let lhs = known(&rel.lhs).join(" + ");
        if others.is_empty() {
            format!(
                "{} = {} = {}",
                key.column_or_row(rel),
                lhs,
                format_value(value)
            )
        } else {
            format!(
                "{} = ({}) − ({}) = {}",
                key.column_or_row(rel),
                lhs,
                others.join(" + "),
                format_value(value)
            )
        }
    };
    Some((key, value, evidence))
}

/// The terms of a sum as printed in evidence. Long sums keep their non-zero terms and count
/// the zeros (`7 + 2 + 0×18`), so the arithmetic stays readable and checkable.
fn terms(values: &[f64]) -> Vec<String> {
    if values.len() <= 6 {
        return values.iter().map(|v| format_value(*v)).collect();
    }
    let zeros = values.iter().filter(|v| **v == 0.0).count();
    let mut out: Vec<String> = values
        .iter()
        .filter(|v| **v != 0.0)
        .map(|v| format_value(*v))
        .collect();
    match zeros {
        0 => {}
        1 => out.push("0".to_string()),
        n => out.push(format!("0×{n}")),
    }
    out
}

impl CellKey {
    /// The key that names this cell within a relation: its column for per-row relations,
    /// its row for per-column ones.
    fn column_or_row(&self, rel: &Relation) -> &'static str {
        if rel.along == self.row {
            self.column
        } else {
            self.row
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::FormatId;
    use crate::formats;
    use crate::report::Cell;

    /// A small deterministic generator (xorshift), for varied reports without a dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Nearly every operand of every relation is its place's own cell by address: the shortcut
    /// of [`Evaluator`] applies to them.
    #[test]
    fn relation_operands_are_their_places_by_address() {
        for format in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
            let flags = operands_by_address(format);
            assert_eq!(flags.len(), formats::relations(format).len());
            assert!(flags.iter().all(|f| *f), "{format:?}");
        }
    }

    /// The shortcut of [`evaluate`] (every operand a value at its place) gives what summing
    /// both sides by [`side`] gives: over reports of every format whose cells are printed,
    /// blank, marked, missing or inferred in any mix, some with cells left out, moved or keyed
    /// by strings of their own.
    #[test]
    fn evaluating_with_the_shortcut_is_evaluating_by_sides() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let own = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
        for format in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
            let relations = formats::relations(format);
            for case in 0..300 {
                let mut report = Report::empty(format);
                // Mostly values (the shortcut's case), sometimes anything else.
                let odd = rng.below(3) == 0;
                for cell in &mut report.cells {
                    cell.state = match rng.below(if odd { 10 } else { 40 }) {
                        0 => CellState::Blank,
                        1 => CellState::NotApplicable,
                        2 => CellState::Missing,
                        3 => CellState::Inferred,
                        _ => CellState::Number,
                    };
                    cell.value = match rng.below(20) {
                        0 => None,
                        _ if cell.state.has_value() => Some(rng.below(7) as f64 * 0.5),
                        _ => None,
                    };
                }
                match case % 5 {
                    1 => {
                        let kept: Vec<Cell> = report
                            .cells
                            .iter()
                            .filter(|_| rng.below(6) != 0)
                            .cloned()
                            .collect();
                        report.replace_cells(kept);
                    }
                    2 => {
                        let n = report.cells.len() as u64;
                        let (a, b) = (rng.below(n) as usize, rng.below(n) as usize);
                        report.cells.swap(a, b);
                    }
                    3 => {
                        for _ in 0..4 {
                            let at = rng.below(report.cells.len() as u64) as usize;
                            let cell = &mut report.cells[at];
                            cell.row = own(cell.row);
                            cell.column = own(cell.column);
                        }
                    }
                    _ => {}
                }
                let evaluator = Evaluator::new(&report);
                for (i, rel) in relations.iter().enumerate() {
                    let by_sides = evaluate_by_sides(rel, &report);
                    assert_eq!(
                        evaluate(rel, &report),
                        by_sides,
                        "{format:?} case {case} {}",
                        rel.def.rule
                    );
                    // Taken once for all relations, and each relation in full.
                    assert_eq!(
                        evaluator.evaluate(i, rel),
                        by_sides,
                        "{format:?} case {case}"
                    );
                    assert_eq!(evaluator.evaluate_with(i, rel, false), by_sides);
                    // Told to hold only where it holds.
                    if evaluator.holds_by_values(i, rel) {
                        assert!(
                            matches!(by_sides, Eval::Holds { .. }),
                            "{format:?} case {case}"
                        );
                    }
                    // A relation not at the place given is evaluated in full.
                    let other = (i + 1) % relations.len();
                    assert_eq!(evaluator.evaluate(other, rel), by_sides);
                }
            }
        }
    }

    /// The shortcut of [`infer_missing`] (no `missing` cell, nothing to do) agrees with trying
    /// every relation: over reports of every format whose cells are printed, blank, marked or
    /// inferred in any mix, some of them left out of the report altogether.
    #[test]
    fn no_missing_cell_means_nothing_to_infer() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for format in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
            let relations = formats::relations(format);
            for case in 0..200 {
                let mut report = Report::empty(format);
                for cell in &mut report.cells {
                    cell.state = match rng.below(4) {
                        0 => CellState::Number,
                        1 => CellState::Blank,
                        2 => CellState::NotApplicable,
                        _ => CellState::Inferred,
                    };
                    cell.value = cell.state.has_value().then(|| rng.below(5) as f64);
                }
                if case % 2 == 1 {
                    let kept: Vec<Cell> = report
                        .cells
                        .iter()
                        .filter(|_| rng.below(4) != 0)
                        .cloned()
                        .collect();
                    report.replace_cells(kept);
                }
                let before = report.cells.clone();
                assert!(infer_missing(&mut report, relations).is_empty());
                assert!(
                    infer_by_relations(&mut report, relations).is_empty(),
                    "{format:?} case {case}"
                );
                assert_eq!(report.cells, before);
            }
        }
    }
}
