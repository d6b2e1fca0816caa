//! Label normalisation: the matching form of a printed label.
//!
//! Reports print the same label in many ways: full- or half-width brackets and digits, 、 or ，,
//! curly or straight quotes, spaces and line breaks inside cells (`结果 维持`, `本年新\n制作数量`),
//! leading numbering (`1.`, `1、`, `（一）`, `三、`), Traditional characters from mirror sites, and
//! provincial explanations in parentheses. The printed text is never changed (source locations
//! point into it); a matching copy is made, token by token, with [`norm`].

use std::cell::RefCell;

/// The matching form of a label: numbering stripped, width folded, Traditional characters
/// mapped, white space and punctuation removed.
pub fn norm(s: &str) -> String {
    let folded = fold(s);
    without_noise(strip_numbering(&folded))
}

/// Both [`norm`] and [`norm_core`] of a label in one pass (the core only when it differs).
pub fn norm_both(s: &str) -> (String, Option<String>) {
    norm_both_with(s, true)
}

/// [`norm_both`]; with `fast`, a text that is its own matching form ([`is_own_form`]: many
/// texts met once, agency names and titles, are) copied as it is, without the steps below
/// (the definition, which the tests hold the shortcut to).
fn norm_both_with(s: &str, fast: bool) -> (String, Option<String>) {
    if fast && is_own_form(s) {
        return (s.to_owned(), None);
    }
    thread_local! {
        // The folded copy is only a step: reuse one buffer instead of allocating per label.
        static FOLDED: RefCell<String> = const { RefCell::new(String::new()) };
    }
    FOLDED.with(|buf| match buf.try_borrow_mut() {
        Ok(mut folded) => {
            folded.clear();
            fold_into(s, &mut folded);
            norm_both_folded(&folded)
        }
        Err(_) => norm_both_folded(&fold(s)),
    })
}

/// Whether `s` is its own [`norm_both`], with no core of its own, told from its bytes in one
/// pass: it starts with an ideograph of U+4000–U+9FFF (lead byte E4–E9) other than a numeral
/// (no numbering to strip, as [`strip_numbering`]'s shortcut tells), and each of its characters
/// is ASCII but not [`is_noise`] (no bracket either) or such an ideograph other than the
/// Traditional ones of [`TRADITIONAL_BITS`] (each folds to itself and is not noise, as the
/// shortcuts of [`fold_into`] and [`without_noise`] tell). Anything else is told by the steps.
fn is_own_form(s: &str) -> bool {
    let bytes = s.as_bytes();
    if !matches!(bytes.first(), Some(0xE4..=0xE9)) || s.chars().next().is_some_and(is_cn_digit) {
        return false;
    }
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if (ASCII_NOISE >> b) & 1 != 0 {
                return false;
            }
            i += 1;
            continue;
        }
        if !(0xE4..=0xE9).contains(&b) {
            return false;
        }
        let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) else {
            return false;
        };
        let code = (u32::from(b & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
        if may_be_traditional(code) {
            return false;
        }
        i += 3;
    }
    true
}

fn norm_both_folded(folded: &str) -> (String, Option<String>) {
    let stripped = strip_numbering(folded);
    // Most labels have no parenthesised part: their core would be the same, so it is only made
    // (a second string) for those that do.
    let core = stripped
        .bytes()
        .any(|b| b == b'(' || b == b'[')
        .then(|| core_of(stripped));
    (without_noise(stripped), core)
}

/// The text without [`is_noise`] characters. The kept characters are copied a run at a time:
/// labels are mostly ideographs with a few marks between them.
fn without_noise(s: &str) -> String {
    without_noise_with(s, true)
}

/// [`without_noise`], with `fast` told from the first byte of a character, without decoding it,
/// for the commonest ones: ASCII (by [`ASCII_NOISE`]) and the ideographs U+4000–U+9FFF (lead
/// bytes E4–E9), none of which is noise; without `fast`, [`is_noise`] of every character (the
/// definition, which the tests hold the shortcut to).
fn without_noise_with(s: &str, fast: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (noise, len) = if fast && b < 0x80 {
            ((ASCII_NOISE >> b) & 1 != 0, 1)
        } else if fast && (0xE4..=0xE9).contains(&b) {
            (false, 3)
        } else {
            let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            (is_noise(c), c.len_utf8())
        };
        if noise {
            out.push_str(s.get(run..i).unwrap_or(""));
            run = i + len;
        }
        i += len;
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out
}

/// The matching form of numbering-stripped, folded text without its parenthesised parts.
fn core_of(stripped: &str) -> String {
    let mut out = String::with_capacity(stripped.len());
    let mut depth = 0usize;
    for c in stripped.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && !is_noise(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Like [`norm`], but with parenthesised explanations removed first:
/// `部分公开（区分处理的，只计这一情形…）` → `部分公开`, `规章（设区的市…）` → `规章`.
pub fn norm_core(s: &str) -> String {
    let folded = fold(s);
    core_of(strip_numbering(&folded))
}

/// Width folding and character mapping, keeping everything else (including white space and
/// numbering) so that [`strip_numbering`] can still see the numbering.
pub fn fold(s: &str) -> String {
    // Folding never lengthens the text: reserving its length avoids growing the string (a
    // collected `String` starts from a quarter of it).
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] appended to `out`. Characters that fold to themselves (nearly all) are copied a run
/// at a time rather than one by one.
fn fold_into(s: &str, out: &mut String) {
    fold_into_with(s, out, true)
}

/// [`fold_into`], with `fast` the commonest characters that fold to themselves told from their
/// bytes, without [`fold_char`]: ASCII, and the ideographs U+4000–U+9FFF (lead bytes E4–E9)
/// other than the Traditional ones of [`TRADITIONAL_BITS`]; without `fast`, [`fold_char`] of
/// every character (the definition, which the tests hold the shortcut to).
fn fold_into_with(s: &str, out: &mut String, fast: bool) {
    out.reserve(s.len());
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if fast {
            if b < 0x80 {
                i += 1;
                continue;
            }
            if (0xE4..=0xE9).contains(&b) {
                if let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) {
                    let code = (u32::from(b & 0x0F) << 12)
                        | (u32::from(b1 & 0x3F) << 6)
                        | u32::from(b2 & 0x3F);
                    if !may_be_traditional(code) {
                        i += 3;
                        continue;
                    }
                }
            }
        }
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let f = fold_char(c);
        if f != c {
            out.push_str(s.get(run..i).unwrap_or(""));
            out.push(f);
            run = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(s.get(run..).unwrap_or(""));
}

/// Folds one character: full-width ASCII to ASCII, ideographic space to space, the brackets
/// and quotes reports mix to one form, Traditional characters seen in labels to Simplified.
pub fn fold_char(c: char) -> char {
    // ASCII and the ideographs (all but a few Traditional ones) are the commonest characters
    // and fold to themselves: decided before the long match below.
    if c.is_ascii() {
        return c;
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return traditional(c).unwrap_or(c);
    }
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{200B}'
        | '\u{FEFF}' => ' ',
        '〔' | '【' | '〖' => '[',
        '〕' | '】' | '〗' => ']',
        '“' | '”' | '„' | '‟' | '「' | '」' | '『' | '』' => '"',
        '‘' | '’' | '′' => '\'',
        '﹑' => '、',
        '—' | '–' | '―' | '−' => '-',
        _ => traditional(c).unwrap_or(c),
    }
}

/// The ASCII characters that are [`is_noise`], a bit each.
const ASCII_NOISE: u128 = crate::scan::ascii_bits!(is_ascii_noise);

/// Characters that carry no meaning for matching labels.
fn is_noise(c: char) -> bool {
    if c.is_ascii() {
        return is_ascii_noise(c);
    }
    // No ideograph is noise.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return false;
    }
    c.is_whitespace()
        || matches!(
            c,
            '、' | '，' | '。' | '．' | '：' | '；' | '／' | '·' | '•' | '…' | '《' | '》' | '｜'
        )
}

/// [`is_noise`] of an ASCII character.
const fn is_ascii_noise(c: char) -> bool {
    c.is_ascii_whitespace()
        || c == '\u{0B}'
        || matches!(
            c,
            ',' | '.'
                | ':'
                | ';'
                | '"'
                | '\''
                | '/'
                | '\\'
                | '-'
                | '_'
                | '!'
                | '?'
                | '<'
                | '>'
                | '*'
                | '#'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '|'
        )
}

/// A Chinese numeral of list numbering: 一 to 十. (A `match`, not a search in a string of
/// them: it runs for the first characters of every label.)
pub fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Removes leading numbering, repeatedly: `三、`, `（三）`/`(三)`, `1.`/`1、`/`1．`/`1)`,
/// `(1)`, `①`, and the white space around them. Works on [`fold`]ed text.
pub fn strip_numbering(s: &str) -> &str {
    strip_numbering_with(s, true)
}

/// [`strip_numbering`], with `fast` a text that starts with an ideograph of U+4000–U+9FFF (lead
/// byte E4–E9) other than a numeral returned as it is, without the steps below: no white
/// space, bracket, circled number or digit starts it, so there is nothing to strip (many labels
/// start so); without `fast`, the steps for every text (the definition, which the tests hold the
/// shortcut to).
fn strip_numbering_with(s: &str, fast: bool) -> &str {
    if fast
        && matches!(s.as_bytes().first(), Some(0xE4..=0xE9))
        && s.chars().next().is_some_and(|c| !is_cn_digit(c))
    {
        return s;
    }
    let mut rest = s.trim_start();
    loop {
        let before = rest;
        rest = strip_one_numbering(rest).trim_start();
        if rest.len() == before.len() {
            return rest;
        }
    }
}

fn strip_one_numbering(s: &str) -> &str {
    let mut chars = s.char_indices();
    let Some((_, first)) = chars.next() else {
        return s;
    };
    // (一) / (1)
    if first == '(' {
        let inner_end = s.find(')');
        if let Some(end) = inner_end {
            let inner = s[1..end].trim();
            if !inner.is_empty()
                && inner.chars().count() <= 3
                && inner.chars().all(|c| is_cn_digit(c) || c.is_ascii_digit())
            {
                return &s[end + 1..];
            }
        }
        return s;
    }
    // ①..⑳ and ⑴..⒇
    if ('\u{2460}'..='\u{2473}').contains(&first) || ('\u{2474}'..='\u{2487}').contains(&first) {
        return &s[first.len_utf8()..];
    }
    // 三、 / 1. / 1、 / 1) / 12．
    let is_cn = is_cn_digit(first);
    if is_cn || first.is_ascii_digit() {
        let mut end = first.len_utf8();
        for (i, c) in s.char_indices().skip(1) {
            let same_kind = if is_cn {
                is_cn_digit(c)
            } else {
                c.is_ascii_digit()
            };
            if same_kind {
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        let tail = &s[end..];
        let tail_trim = tail.trim_start();
        let mut t = tail_trim.chars();
        match t.next() {
            Some('、') | Some('，') => return &tail_trim[3..],
            // `1.5` is a number, not numbering.
            Some('.') | Some('．') if !t.next().is_some_and(|c| c.is_ascii_digit()) => {
                let skip = if tail_trim.starts_with('.') { 1 } else { 3 };
                return &tail_trim[skip..];
            }
            Some(')') if !is_cn => return &tail_trim[1..],
            _ => {}
        }
    }
    s
}

/// The few Traditional characters that occur in report labels, mapped to Simplified.
/// (Mirror sites run pages through a converter; 規範性檔案 is 规范性文件 turned Traditional.)
/// Sorted by the Traditional character, for binary search.
const TRADITIONAL: &[(char, char)] = &[
    ('併', '并'),
    ('個', '个'),
    ('億', '亿'),
    ('內', '内'),
    ('別', '别'),
    ('創', '创'),
    ('劃', '划'),
    ('効', '效'),
    ('動', '动'),
    ('務', '务'),
    ('勞', '劳'),
    ('區', '区'),
    ('問', '问'),
    ('國', '国'),
    ('圓', '圆'),
    ('團', '团'),
    ('執', '执'),
    ('報', '报'),
    ('場', '场'),
    ('學', '学'),
    ('實', '实'),
    ('審', '审'),
    ('專', '专'),
    ('對', '对'),
    ('屬', '属'),
    ('廢', '废'),
    ('強', '强'),
    ('後', '后'),
    ('從', '从'),
    ('復', '复'),
    ('徹', '彻'),
    ('應', '应'),
    ('戶', '户'),
    ('採', '采'),
    ('據', '据'),
    ('數', '数'),
    ('於', '于'),
    ('書', '书'),
    ('會', '会'),
    ('條', '条'),
    ('業', '业'),
    ('構', '构'),
    ('機', '机'),
    ('檔', '档'),
    ('檢', '检'),
    ('權', '权'),
    ('歸', '归'),
    ('決', '决'),
    ('沒', '没'),
    ('況', '况'),
    ('減', '减'),
    ('測', '测'),
    ('準', '准'),
    ('為', '为'),
    ('營', '营'),
    ('狀', '状'),
    ('獨', '独'),
    ('現', '现'),
    ('產', '产'),
    ('當', '当'),
    ('發', '发'),
    ('確', '确'),
    ('種', '种'),
    ('穩', '稳'),
    ('範', '范'),
    ('糾', '纠'),
    ('紀', '纪'),
    ('納', '纳'),
    ('級', '级'),
    ('組', '组'),
    ('結', '结'),
    ('統', '统'),
    ('經', '经'),
    ('維', '维'),
    ('網', '网'),
    ('縣', '县'),
    ('總', '总'),
    ('織', '织'),
    ('繳', '缴'),
    ('續', '续'),
    ('罰', '罚'),
    ('聯', '联'),
    ('職', '职'),
    ('與', '与'),
    ('舉', '举'),
    ('萬', '万'),
    ('處', '处'),
    ('補', '补'),
    ('製', '制'),
    ('複', '复'),
    ('規', '规'),
    ('計', '计'),
    ('訊', '讯'),
    ('訟', '讼'),
    ('設', '设'),
    ('許', '许'),
    ('訴', '诉'),
    ('詢', '询'),
    ('認', '认'),
    ('調', '调'),
    ('請', '请'),
    ('諮', '咨'),
    ('證', '证'),
    ('議', '议'),
    ('護', '护'),
    ('讓', '让'),
    ('負', '负'),
    ('責', '责'),
    ('費', '费'),
    ('資', '资'),
    ('質', '质'),
    ('購', '购'),
    ('轉', '转'),
    ('辦', '办'),
    ('進', '进'),
    ('過', '过'),
    ('鄉', '乡'),
    ('銷', '销'),
    ('錄', '录'),
    ('鎮', '镇'),
    ('門', '门'),
    ('開', '开'),
    ('關', '关'),
    ('際', '际'),
    ('險', '险'),
    ('項', '项'),
    ('題', '题'),
    ('額', '额'),
    ('類', '类'),
    ('體', '体'),
];

/// First and last code point of the CJK block that [`TRADITIONAL`] lies in.
const CJK_FIRST: u32 = 0x4E00;
const CJK_LAST: u32 = 0x9FFF;

/// A bit per character of the CJK block: whether [`TRADITIONAL`] has it. Built at compile time,
/// so the test costs one load per character and no lazy initialisation.
const TRADITIONAL_BITS: [u64; ((CJK_LAST - CJK_FIRST) as usize >> 6) + 1] = {
    let mut bits = [0u64; ((CJK_LAST - CJK_FIRST) as usize >> 6) + 1];
    let mut i = 0;
    while i < TRADITIONAL.len() {
        let at = (TRADITIONAL[i].0 as u32 - CJK_FIRST) as usize;
        bits[at >> 6] |= 1 << (at & 63);
        i += 1;
    }
    bits
};

/// Whether the character of code point `code` may be in [`TRADITIONAL`]: inside the block and
/// its bit set.
#[inline]
fn may_be_traditional(code: u32) -> bool {
    if !(CJK_FIRST..=CJK_LAST).contains(&code) {
        return false;
    }
    let i = (code - CJK_FIRST) as usize;
    TRADITIONAL_BITS
        .get(i >> 6)
        .is_some_and(|w| w & (1 << (i & 63)) != 0)
}

fn traditional(c: char) -> Option<char> {
    // Everything outside the CJK block (ASCII, punctuation, kana …) is left alone at once, and
    // within it a bit per character says whether the table has it: one lookup per character.
    if !may_be_traditional(c as u32) {
        return None;
    }
    TRADITIONAL
        .binary_search_by_key(&c, |&(t, _)| t)
        .ok()
        .map(|i| TRADITIONAL[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_numbering_in_all_its_forms() {
        assert_eq!(norm("（一）予以公开"), "予以公开");
        assert_eq!(norm("(一) 予以公开"), "予以公开");
        assert_eq!(norm("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(norm("1. 属于国家秘密"), "属于国家秘密");
        assert_eq!(norm("１、属于国家秘密"), "属于国家秘密");
        assert_eq!(norm("三、本 年度 办 理 结 果"), "本年度办理结果");
        assert_eq!(norm("四、结转下年度继续办理"), "结转下年度继续办理");
        assert_eq!(norm("（六）其他处理"), "其他处理");
        assert_eq!(norm("①当面申请数"), "当面申请数");
    }

    #[test]
    fn folds_width_quotes_and_punctuation() {
        assert_eq!(norm("3.危及“三安全一稳定”"), "危及三安全一稳定");
        assert_eq!(norm("3.危及\"三安全一稳定\""), "危及三安全一稳定");
        assert_eq!(norm("结果 维持"), "结果维持");
        assert_eq!(norm("本年新\n制作数量"), "本年新制作数量");
        assert_eq!(norm("本年增/减"), norm("本年增／减"));
        assert_eq!(
            norm("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            norm("1. 申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请")
        );
        assert_eq!(norm("規範性檔案"), "规范性档案");
        assert!(
            TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted, no duplicates"
        );
    }

    #[test]
    fn core_drops_parenthetical_explanations() {
        assert_eq!(
            norm_core("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "部分公开"
        );
        assert_eq!(
            norm_core("规章（设区的市、自治州人民政府应提供相关数据）"),
            "规章"
        );
        assert_eq!(norm_core("本年收费金额（单位：万元）"), "本年收费金额");
    }

    /// The shortcuts of folding and of dropping noise give what the definitions give, for every
    /// character alone and between others.
    #[test]
    fn byte_shortcuts_agree_with_the_definitions_for_every_character() {
        let both = |s: &str| {
            let (mut fast, mut full) = (String::new(), String::new());
            fold_into_with(s, &mut fast, true);
            fold_into_with(s, &mut full, false);
            assert_eq!(fast, full, "fold {s:?}");
            assert_eq!(
                without_noise_with(s, true),
                without_noise_with(s, false),
                "noise {s:?}"
            );
        };
        let mut text = String::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            both(c.encode_utf8(&mut [0; 4]));
            text.push(c);
            if text.chars().count() >= 7 {
                both(&text);
                text.clear();
                text.push('a');
            }
        }
        both(&text);
    }

    proptest::proptest! {
        /// The same for texts of labels' characters: ideographs (Traditional ones among them),
        /// marks, spaces, full-width forms and numbering.
        #[test]
        fn byte_shortcuts_agree_with_the_definitions(
            s in "[规範性檔案國一二三（）()、，。：；／“”\\[\\]【】 \u{3000}\t\n１２a-z0-9.,:_|\u{4000}-\u{4E10}\u{9FF0}-\u{A010}\u{FF01}-\u{FF5E}]{0,24}",
        ) {
            let (mut fast, mut full) = (String::new(), String::new());
            fold_into_with(&s, &mut fast, true);
            fold_into_with(&s, &mut full, false);
            proptest::prop_assert_eq!(fast, full);
            proptest::prop_assert_eq!(without_noise_with(&s, true), without_noise_with(&s, false));
            proptest::prop_assert_eq!(strip_numbering_with(&s, true), strip_numbering_with(&s, false));
        }
    }

    /// The shortcut of `norm_both` gives what its steps give, for every character alone, after
    /// an ideograph and between ideographs.
    #[test]
    fn norm_both_shortcut_agrees_for_every_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("公{c}"),
                format!("开{c}公开"),
                format!("{c}开"),
            ] {
                assert_eq!(norm_both_with(&s, true), norm_both_with(&s, false), "{s:?}");
            }
        }
        assert!(is_own_form(
            "广州市从化区公安局2020年度政府信息公开工作年度报告"
        ));
    }

    proptest::proptest! {
        /// The same for texts of labels' characters, names and titles among them.
        #[test]
        fn norm_both_shortcut_agrees_with_its_steps(
            s in "[规範性檔案國公开办事处一二三（）()、，。：；／“”\\[\\]【】 \u{3000}\t１２a-z0-9.,:_|\u{4000}-\u{4E10}\u{9FF0}-\u{A010}\u{FF01}-\u{FF5E}]{0,24}",
        ) {
            proptest::prop_assert_eq!(norm_both_with(&s, true), norm_both_with(&s, false));
        }
    }

    /// The shortcut of `strip_numbering` strips what the steps strip, for every character that
    /// can start a text, alone and before a label's text.
    #[test]
    fn strip_numbering_shortcut_agrees_for_every_first_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for rest in ["", "、予以公开", "1.5", "）其他", " 三、总计"] {
                let s = format!("{c}{rest}");
                assert_eq!(
                    strip_numbering_with(&s, true),
                    strip_numbering_with(&s, false),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn numbers_are_not_numbering() {
        assert_eq!(strip_numbering("1.5"), "1.5");
        assert_eq!(strip_numbering("12"), "12");
        assert_eq!(norm("第二十条第（一）项"), "第二十条第一项");
    }
}
