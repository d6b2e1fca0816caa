//! Site chrome (placeholder until the full list lands).

/// Whether a line is page chrome rather than report content.
pub fn is_chrome(line: &str) -> bool {
    let t = line.trim();
    [
        "登录",
        "扫一扫",
        "网站导航",
        "智能问答",
        "很高兴为您服务",
        "点击数",
        "浏览次数",
        "视力保护色",
    ]
    .iter()
    .any(|m| t.contains(m))
        && t.chars().count() < 40
}
