//! Site chrome: the lines a web page wraps around a report when it is saved as text (login
//! links, publication metadata, QR-code prompts, navigation, a chatbot greeting). Readers must
//! skip them; a few carry numbers (点击数, 浏览次数, dates) on purpose.

use gongkai_model::report::Date;
use rand::rngs::SmallRng;

use crate::rng::{between, pick};

/// Lines before the report; `title` is the page title the site repeats.
pub(crate) fn before(
    rng: &mut SmallRng,
    title: &str,
    agency: &str,
    published: Option<Date>,
) -> Vec<String> {
    let date = published
        .map(|d| d.to_string())
        .unwrap_or_else(|| "2022-01-20".to_string());
    let time = format!("{:02}:{:02}", between(rng, 8, 18), between(rng, 0, 59));
    match pick(rng, &[0u8, 1, 2, 3]) {
        // Seed 003.
        0 => vec![
            "登录 |  注册 ".to_string(),
            title.to_string(),
            "发布日期:".to_string() + &date + "    点击数:",
        ],
        // Seed 002.
        1 => vec![
            title.to_string(),
            format!(
                "信息来源:{agency} 发表时间:{date} {time}:{:02}",
                between(rng, 0, 59)
            ),
            format!("浏览次数:{} 次 分享到:", between(rng, 30, 3000)),
            "字数:".to_string() + &between(rng, 1500, 6000).to_string() + "字体:[ ]视力保护色:",
        ],
        // Seed 000.
        2 => vec![title.to_string(), format!("{date} {time} {agency}")],
        _ => vec![
            "首页 > 政务公开 > 政府信息公开年报".to_string(),
            title.to_string(),
            format!("来源：{agency}  发布时间：{date}  【字体：大 中 小】"),
        ],
    }
}

/// Lines after the report.
pub(crate) fn after(rng: &mut SmallRng) -> Vec<String> {
    match pick(rng, &[0u8, 1, 2]) {
        // Seed 000.
        0 => vec![
            "扫一扫在手机打开当前页".to_string(),
            " ".to_string(),
            "网站导航".to_string(),
            format!(
                "hi!我是智能问答机器人小{}",
                pick(rng, &["鹤", "政", "安", "滨"])
            ),
            "很高兴为您服务~".to_string(),
        ],
        1 => vec![
            "【打印本页】 【关闭窗口】".to_string(),
            "扫一扫在手机打开当前页".to_string(),
        ],
        _ => vec![
            "分享到：".to_string(),
            "相关链接".to_string(),
            "网站导航".to_string(),
        ],
    }
}
