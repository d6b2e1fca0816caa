//! How values are printed in a cell: the styles real reports use for signed changes and money.
//!
//! The generator picks one style per report (agencies are consistent within a report) and
//! stores the printed form as the cell's `text`; the writers print `text` verbatim. Mutations
//! re-print a changed value in the style of the text it replaces.

use gongkai_model::report::format_value;
use gongkai_model::ValueKind;

/// How 本年增/减 is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChangeStyle {
    /// `增271`, `减7` (seed 001).
    #[default]
    Chinese,
    /// `+271`, `-7`.
    Signed,
    /// `271`, `-7` (the Hubei annotation: 减用负值表示).
    MinusOnly,
}

/// How a money amount (万元) is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AmountStyle {
    /// `14.4` — the unit is in the header (2021 本年收费金额（单位：万元）).
    #[default]
    Plain,
    /// `14.4万元` (seed 001).
    Wan,
    /// `144000元` (the Shanghai 2019 report): converted, the value stays in 万元.
    Yuan,
}

/// The printing styles of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ValueStyles {
    pub change: ChangeStyle,
    pub amount: AmountStyle,
}

impl ValueStyles {
    /// The printed text of a value of this kind.
    pub fn print(&self, kind: ValueKind, value: f64) -> String {
        match kind {
            ValueKind::Count => format_value(value),
            ValueKind::Change => print_change(self.change, value),
            ValueKind::Amount => print_amount(self.amount, value),
        }
    }

    /// The styles a printed text shows (for re-printing a changed value like its neighbour).
    pub fn detect(kind: ValueKind, text: &str) -> ValueStyles {
        let t = text.trim();
        let mut s = ValueStyles::default();
        match kind {
            ValueKind::Change => {
                s.change = if t.starts_with('增') || t.starts_with('减') {
                    ChangeStyle::Chinese
                } else if t.starts_with('+') {
                    ChangeStyle::Signed
                } else if t.starts_with('-') {
                    ChangeStyle::MinusOnly
                } else {
                    ChangeStyle::Chinese
                }
            }
            ValueKind::Amount => {
                s.amount = if t.ends_with("万元") {
                    AmountStyle::Wan
                } else if t.ends_with('元') {
                    AmountStyle::Yuan
                } else {
                    AmountStyle::Plain
                }
            }
            ValueKind::Count => {}
        }
        s
    }
}

fn print_change(style: ChangeStyle, v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    let abs = format_value(v.abs());
    match (style, v > 0.0) {
        (ChangeStyle::Chinese, true) => format!("增{abs}"),
        (ChangeStyle::Chinese, false) => format!("减{abs}"),
        (ChangeStyle::Signed, true) => format!("+{abs}"),
        (ChangeStyle::Signed | ChangeStyle::MinusOnly, false) => format!("-{abs}"),
        (ChangeStyle::MinusOnly, true) => abs,
    }
}

fn print_amount(style: AmountStyle, v: f64) -> String {
    // Zero is printed bare whatever the style: nobody writes 0万元.
    if v == 0.0 {
        return "0".to_string();
    }
    match style {
        AmountStyle::Plain => format_value(v),
        AmountStyle::Wan => format!("{}万元", format_value(v)),
        // 1 万元 = 10000 元; amounts carry at most 2 decimals of 万元, so this is whole.
        AmountStyle::Yuan => format!("{}元", format_value((v * 10_000.0).round())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_the_seed_forms() {
        let cn = ValueStyles {
            change: ChangeStyle::Chinese,
            amount: AmountStyle::Wan,
        };
        assert_eq!(cn.print(ValueKind::Change, -7.0), "减7");
        assert_eq!(cn.print(ValueKind::Change, 271.0), "增271");
        assert_eq!(cn.print(ValueKind::Change, 0.0), "0");
        assert_eq!(cn.print(ValueKind::Amount, 14.4), "14.4万元");
        let yuan = ValueStyles {
            change: ChangeStyle::Signed,
            amount: AmountStyle::Yuan,
        };
        assert_eq!(yuan.print(ValueKind::Amount, 25.1), "251000元");
        assert_eq!(yuan.print(ValueKind::Change, 3.0), "+3");
        assert_eq!(yuan.print(ValueKind::Change, -3.0), "-3");
    }

    #[test]
    fn detect_round_trips() {
        for (kind, text) in [
            (ValueKind::Change, "减7"),
            (ValueKind::Change, "+3"),
            (ValueKind::Amount, "144000元"),
            (ValueKind::Amount, "14.4万元"),
        ] {
            let s = ValueStyles::detect(kind, text);
            let v = match text {
                "减7" => -7.0,
                "+3" => 3.0,
                "144000元" => 14.4,
                _ => 14.4,
            };
            assert_eq!(s.print(kind, v), text);
        }
    }
}
