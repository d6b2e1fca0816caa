//! Writes a report as a page of a government website, for the fixtures of
//! tests/fixtures/cms/make.sh.
//!
//! `cargo run -p gongkai-read --example cms_page -- STYLE IN OUT.html`
//!
//! IN is the report as `gongkai render --to html` writes it (the official layout), or a text
//! file (a report without tables, each line a paragraph). STYLE is
//! - `trs`: a TRS/WCM-style page, GBK-encoded with an `http-equiv` charset: site navigation,
//!   breadcrumbs, layout tables, the article in a `TRS_Editor` div as Word exports it (`mso-`
//!   styles, `MsoNormal` paragraphs, `<o:p>`), share widgets, a footer with 主办单位 and ICP备案;
//! - `modern`: a div-based page in UTF-8 with `<meta charset>`, header, breadcrumb, article
//!   meta line, the report's own markup with the tables in wrappers, share bar and footer;
//! - `official-SIZE`: the rendered page itself, its body type set to SIZE points (at 12–14 pt
//!   LibreOffice prints the tables' label columns narrow, labels wrapping over several lines,
//!   merged group labels a few characters a line, rows cut by page breaks under repeated
//!   headers);
//! - `trs-sidebar`, `modern-sidebar`: those pages with a sidebar beside the article — the
//!   column's navigation on the left (TRS), related links and topics on the right (modern) —
//!   floated, so that LibreOffice prints it as a narrow column beside the title and the first
//!   paragraphs, the article going on at full width below it.
//!
//! The input is gongkai's own output, so a few string rewrites of its tags do; this is a
//! fixture tool, not a reader.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [style, input, output] = args.as_slice() else {
        eprintln!(
            "usage: cms_page trs|modern|trs-sidebar|modern-sidebar|official-SIZE IN OUT.html"
        );
        return ExitCode::from(2);
    };
    let source = match std::fs::read_to_string(input) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{input}: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(size) = style.strip_prefix("official-") {
        // The page as gongkai renders it, its body type set to SIZE points.
        const BODY: &str = "font-size: 16pt; line-height: 1.6;";
        if !source.contains(BODY) {
            eprintln!("{input}: not a page rendered by gongkai");
            return ExitCode::from(1);
        }
        // LibreOffice 7.4 loses the title when it is the page's first block (it prints an
        // empty first page and only the title's last line): an empty paragraph goes first.
        let page = source
            .replacen(BODY, &format!("font-size: {size}pt; line-height: 1.6;"), 1)
            .replacen(
                "<article class=\"report\">",
                "<p>&nbsp;</p><article class=\"report\">",
                1,
            );
        if let Err(e) = std::fs::write(output, page) {
            eprintln!("{output}: {e}");
            return ExitCode::from(1);
        }
        return ExitCode::SUCCESS;
    }
    let (style, sidebar) = match style.strip_suffix("-sidebar") {
        Some(s) => (s, true),
        None => (style.as_str(), false),
    };
    let (title, body) = if input.ends_with(".txt") {
        from_text(&source)
    } else {
        from_rendered(&source)
    };
    let bytes = match style {
        "trs" => {
            let mut page = trs_page(&title, &word_html(&body));
            if sidebar {
                page = page.replacen(TRS_ARTICLE, &format!("{}{TRS_ARTICLE}", trs_sidebar()), 1);
            }
            let (encoded, _, unmappable) = encoding_rs::GBK.encode(&page);
            if unmappable {
                eprintln!("{input}: characters GBK cannot encode");
                return ExitCode::from(1);
            }
            encoded.into_owned()
        }
        "modern" => {
            let mut page = modern_page(&title, &modern_html(&body));
            if sidebar {
                page = page.replacen(
                    MODERN_ARTICLE,
                    &format!("{}{MODERN_ARTICLE}", modern_sidebar()),
                    1,
                );
            }
            page.into_bytes()
        }
        other => {
            eprintln!("unknown style {other}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::write(output, bytes) {
        eprintln!("{output}: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The title and the article of a rendered report, without the findings `--force` appends.
fn from_rendered(html: &str) -> (String, String) {
    let between = |from: &str, to: &str| -> String {
        html.find(from)
            .and_then(|s| {
                let rest = &html[s + from.len()..];
                rest.find(to).map(|e| rest[..e].to_string())
            })
            .unwrap_or_default()
    };
    let title = between("<title>", "</title>");
    let mut body = between("<article class=\"report\">", "</article>");
    if let Some(f) = body.find("<section class=\"findings\"") {
        body.truncate(f);
    }
    (title, body)
}

/// A text report: its first line is the title, every other line a paragraph.
fn from_text(text: &str) -> (String, String) {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or_default().to_string();
    let mut body = format!("<h1>{}</h1>\n", escape(&title));
    for l in lines {
        body.push_str(&format!("<p>{}</p>\n", escape(l)));
    }
    (title, body)
}

/// Calls `f` on each tag of `html` (the text between `<` and `>`), keeping the text between
/// tags; `f` returns what replaces the tag.
fn rewrite_tags(html: &str, mut f: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len() * 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            return out;
        };
        out.push_str(&f(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The name of a tag (`/td` for an end tag) and its attributes.
fn tag_parts(tag: &str) -> (&str, &str) {
    let tag = tag.trim_end_matches('/');
    match tag.find(' ') {
        Some(i) => (&tag[..i], &tag[i..]),
        None => (tag, ""),
    }
}

/// Only the merging attributes of a cell survive Word's export.
fn spans(attrs: &str) -> String {
    let mut out = String::new();
    for name in ["rowspan", "colspan"] {
        if let Some(i) = attrs.find(&format!("{name}=\"")) {
            let v: String = attrs[i + name.len() + 2..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            out.push_str(&format!(" {name}={v}"));
        }
    }
    out
}

/// The article as Word saves it as a web page and TRS's editor keeps it (Word's tables have
/// no captions: theirs are dropped with their text).
fn word_html(body: &str) -> String {
    let body = strip_captions(body);
    rewrite_tags(&body, |tag| {
        let (name, attrs) = tag_parts(tag);
        match name {
            "h1" => "<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt;mso-line-height-rule:exactly'><b><span style='font-size:18.0pt;font-family:方正小标宋简体;mso-hansi-font-family:\"Times New Roman\"'>".into(),
            "/h1" => "<span lang=EN-US><o:p></o:p></span></span></b></p>".into(),
            "h2" => "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;mso-line-height-rule:exactly'><span style='font-size:16.0pt;font-family:黑体;mso-hansi-font-family:\"Times New Roman\"'>".into(),
            "/h2" => "<span lang=EN-US><o:p></o:p></span></span></p>".into(),
            "p" => "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;mso-line-height-rule:exactly'><span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\"'>".into(),
            "/p" => "<span lang=EN-US><o:p></o:p></span></span></p>".into(),
            "table" => "<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=100% style='width:100.0%;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>".into(),
            "/table" => "</table></div><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>".into(),
            "tr" => "<tr style='mso-yfti-irow:0'>".into(),
            "td" | "th" => format!(
                "<td{} valign=center style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.5pt;font-family:宋体;mso-ascii-font-family:\"Times New Roman\"'>",
                spans(attrs)
            ),
            "/td" | "/th" => "<span lang=EN-US><o:p></o:p></span></span></p></td>".into(),
            "br" => "<br>".into(),
            "/tr" => "</tr>".into(),
            _ => String::new(),
        }
    })
}

/// The markup without its `<caption>` elements.
fn strip_captions(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(s) = rest.find("<caption") {
        out.push_str(&rest[..s]);
        match rest[s..].find("</caption>") {
            Some(e) => rest = &rest[s + e + "</caption>".len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The article for a modern CMS: the report's markup, tables in scrolling wrappers, the hidden
/// captions made visible table titles.
fn modern_html(body: &str) -> String {
    let body = body.replace(" class=\"vh\"", "");
    rewrite_tags(&body, |tag| {
        let (name, _) = tag_parts(tag);
        match name {
            "table" => "<div class=\"table-wrap\"><table class=\"table table-bordered\">".into(),
            "/table" => "</table></div>".into(),
            "section" | "/section" | "header" | "/header" => String::new(),
            _ => format!("<{tag}>"),
        }
    })
}

/// Where the article starts on a TRS page: the sidebar goes just before it, inside the layout
/// table's cell (floated before the cell's nested title table, LibreOffice 7.4 prints it over
/// the title).
const TRS_ARTICLE: &str = "<div class=WordSection1";
/// Where the article starts on a modern page.
const MODERN_ARTICLE: &str = "<div class=\"article\">";

/// A list of links, as CMS sidebars print them.
fn links(names: &[&str]) -> String {
    let mut out = String::from("<ul>");
    for (i, n) in names.iter().enumerate() {
        out.push_str(&format!("<li><a href=\"/xxgk/{i}/\">{n}</a></li>"));
    }
    out.push_str("</ul>");
    out
}

/// A TRS site's column navigation, floated left of the article: the catalogue of the
/// disclosure column, then the other years' reports.
fn trs_sidebar() -> String {
    format!(
        "<div class=\"left-nav\" style=\"float:left; width:25%; margin-right:12pt\"><h3>信息公开目录</h3>{}<h3>年度报告</h3>{}</div>",
        links(&[
            "信息公开指南",
            "信息公开制度",
            "机构概况",
            "领导信息",
            "法规文件",
            "规划计划",
            "统计信息",
            "财政预决算",
            "人事信息",
            "重点领域",
            "建议提案办理",
            "应急管理",
            "政府采购",
            "公益事业",
            "依申请公开",
            "信息公开意见箱",
        ]),
        links(&[
            "2023年度报告",
            "2022年度报告",
            "2021年度报告",
            "2020年度报告",
            "2019年度报告",
            "2018年度报告",
            "2017年度报告",
        ])
    )
}

/// A modern site's related links and topics, floated right of the article (the other years'
/// reports among them, with their titles).
fn modern_sidebar() -> String {
    format!(
        "<div class=\"sidebar\" style=\"float:right; width:30%; margin-left:12pt\"><h3>相关链接</h3>{}<h3>热点专题</h3>{}</div>",
        links(&[
            "政府信息公开指南",
            "政府信息公开制度",
            "2023年政府信息公开工作年度报告",
            "2022年政府信息公开工作年度报告",
            "依申请公开",
            "政民互动",
            "机构职能",
            "领导信息",
            "规划计划",
            "财政资金",
            "人事信息",
            "建议提案办理",
        ]),
        links(&["优化营商环境", "乡村振兴", "民生实事", "12345热线"])
    )
}

fn trs_page(title: &str, article: &str) -> String {
    format!(
        r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<meta name="SiteName" content="政府门户网站" />
<meta name="ColumnName" content="政府信息公开年报" />
<meta name="ArticleTitle" content="{t}" />
<title>{t}_政府信息公开年报_政府门户网站</title>
<link href="/images/gkcss.css" rel="stylesheet" type="text/css" />
<style type="text/css">
body {{ margin:0; font-size:12px; font-family:"宋体"; }}
.nav a {{ color:#fff; padding:0 12px; }}
.TRS_Editor P {{ margin-top:0; margin-bottom:0; line-height:2; font-family:宋体; font-size:12pt; }}
.TRS_Editor TD, .TRS_Editor TH {{ font-size:10.5pt; }}
</style>
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">
var _hmt = _hmt || []; function doZoom(size) {{ document.getElementById('zoom').style.fontSize = size + 'px'; }}
document.write("<table><tr><td>1</td><td>2</td></tr></table>");
</script>
</head>
<body>
<table width="100%" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr><td><div class="top"><a href="/">网站首页</a> | <a href="javascript:void(0)">设为首页</a> | <a href="javascript:void(0)">加入收藏</a> | <a href="/wza/">无障碍浏览</a></div></td></tr>
  <tr><td class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/bsfw/">办事服务</a><a href="/hdjl/">互动交流</a><a href="/zjxx/">走进本地</a></td></tr>
</table>
<table width="100%" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td valign="top">
      <div class="lm">信息公开目录：<a href="/xxgk/zn/">信息公开指南</a> | <a href="/xxgk/zd/">信息公开制度</a> | <a href="/xxgk/nb/">信息公开年报</a></div>
      <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/xxgk/nb/">政府信息公开年报</a></div>
      <table width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr><td class="title" align="center"><h1 style="font-size:20px">{t}</h1></td></tr>
        <tr><td class="info" align="center">字号：[<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>]</td></tr>
        <tr><td>
<div class="TRS_Editor"><div class=WordSection1 style='layout-grid:15.6pt'>
{article}
</div></div>
        </td></tr>
        <tr><td align="right"><div class="share">分享到：<a class="bds_weixin">微信</a> <a class="bds_tsina">微博</a> <a class="bds_qzone">QQ空间</a></div>
        <div class="tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div></td></tr>
      </table>
    </td>
  </tr>
</table>
<table width="100%" border="0" align="center" cellpadding="0" cellspacing="0" class="footer">
  <tr><td align="center">主办单位：人民政府办公室　承办单位：大数据中心<br />
  网站标识码：3209000001　<a href="https://beian.miit.gov.cn/">苏ICP备05012345号</a>　苏公网安备 32080202000123号<br />
  联系电话：0517-80000000　（建议使用1024×768分辨率浏览）</td></tr>
</table>
<script type="text/javascript">var _bdhmProtocol = (("https:" == document.location.protocol) ? " https://" : " http://");</script>
</body>
</html>
"#,
        t = escape(title)
    )
}

fn modern_page(title: &str, article: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t}-政府信息公开年报-人民政府门户网站</title>
<link rel="stylesheet" href="/static/css/common.css">
<style>
.site-header {{ background:#b40000; color:#fff; }}
.article-content table {{ border-collapse:collapse; width:100%; font-size:14px; }}
.article-content td, .article-content th {{ border:1px solid #333; padding:4px; }}
.share-bar a {{ margin:0 6px; }}
</style>
<script src="/static/js/vendor.js" defer></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<header class="site-header">
  <div class="container">
    <div class="logo"><a href="/">人民政府门户网站</a></div>
    <div class="header-links"><a href="/login">登录</a> | <a href="/register">注册</a> | <a href="/en/">English</a> | <a href="/wza/">无障碍</a></div>
    <nav class="main-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav>
  </div>
</header>
<main class="container">
  <div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a> &gt; 正文</div>
  <div class="article">
    <h1 class="article-title">{t}</h1>
    <div class="article-tools"><span class="font-size">字体：<a>大</a> <a>中</a> <a>小</a></span> <a class="print" href="javascript:window.print()">打印</a></div>
    <div class="article-content" id="zoom">
{article}
    </div>
    <div class="share-bar">分享：<a class="share-wechat">微信</a><a class="share-weibo">微博</a><a class="share-qq">QQ</a></div>
    <div class="article-nav"><a href="javascript:window.close()">【关闭窗口】</a></div>
  </div>
</main>
<footer class="site-footer">
  <div class="footer-links"><a href="/about/">关于我们</a> | <a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a></div>
  <p>主办单位：人民政府办公室　运行维护：数据资源管理局</p>
  <p>网站标识码：3301000002　<a href="https://beian.miit.gov.cn/">浙ICP备05098765号-1</a>　浙公网安备 33010202000456号</p>
</footer>
<script>document.querySelectorAll('.share-bar a').forEach(function (a) {{ a.onclick = function () {{ return false; }}; }});</script>
</body>
</html>
"#,
        t = escape(title)
    )
}
