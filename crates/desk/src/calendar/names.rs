//! English names of the national holidays, for the English explanations.
//!
//! The notices name periods in Chinese, sometimes two festivals at once ("国庆节、中秋节").
//! Each part is translated on its own; a name not in the list (a regional festival without a
//! `name_en` in its data) stays in Chinese rather than being guessed.

const NAMES: &[(&str, &str)] = &[
    ("元旦", "New Year's Day"),
    ("春节", "Spring Festival"),
    ("清明节", "Qingming Festival"),
    ("劳动节", "Labour Day"),
    ("端午节", "Dragon Boat Festival"),
    ("中秋节", "Mid-Autumn Festival"),
    ("国庆节", "National Day"),
];

pub fn english(zh: &str) -> String {
    zh.split(['、', '，', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            NAMES
                .iter()
                .find(|(z, _)| *z == p)
                .map_or_else(|| p.to_string(), |(_, e)| (*e).to_string())
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn combined_names() {
        assert_eq!(
            super::english("国庆节、中秋节"),
            "National Day and Mid-Autumn Festival"
        );
        assert_eq!(super::english("藏历新年"), "藏历新年");
    }
}
