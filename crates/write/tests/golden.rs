//! Golden files: one generated report per format rendered to HTML, Markdown and text, and the
//! empty draft `gongkai new` writes for each format, compared byte for byte with the files in
//! `tests/golden/`.
//!
//! After an intended change of the output, regenerate them and review the diff:
//!
//! ```sh
//! GONGKAI_BLESS=1 cargo test -p gongkai-write --test golden
//! git diff crates/write/tests/golden/
//! ```

use std::path::PathBuf;

use gongkai_model::{Date, FormatId, Lang, Report};
use gongkai_synth::{generate, GenOptions, Scale};
use gongkai_write::draft::{self, Fill};
use gongkai_write::render::{render, Render, Target};
use gongkai_write::Narrative;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Compares `actual` with the golden file, or writes it when blessing.
fn golden(name: &str, actual: &str) {
    let path = dir().join(name);
    if std::env::var_os("GONGKAI_BLESS").is_some() {
        std::fs::create_dir_all(dir()).expect("create tests/golden");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with GONGKAI_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file, first at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             If the change is intended: GONGKAI_BLESS=1 cargo test -p gongkai-write --test golden",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn report(format: FormatId) -> Report {
    let mut r = generate(
        2025,
        &GenOptions {
            format,
            year: None,
            scale: Scale::Typical,
        },
    );
    r.agency.value = Some("某某市某某区人民政府办公室".to_string());
    r.published_on.value = r.year.value.and_then(|y| Date::new(y + 1, 1, 20));
    r
}

fn narrative() -> Narrative {
    let mut n = Narrative::new();
    n.set(
        "overview",
        vec![
            "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，围绕主动公开、依申请公开、政府信息管理、平台建设和监督保障等方面扎实推进政府信息公开工作。".into(),
            "（一）主动公开。全年通过政府网站主动公开政府信息 1,268 条。".into(),
        ],
    );
    n.set(
        "problems",
        vec!["一是政策解读形式还不够丰富；二是依申请公开办理的规范化水平有待提高。下一步，我们将加强培训，完善办理流程。".into()],
    );
    n.set("other_matters", vec!["本年度未收取信息处理费。".into()]);
    n
}

fn outputs(format: FormatId, stem: &str) {
    let r = report(format);
    let n = narrative();
    let input = Render {
        report: &r,
        narrative: &n,
        appendix: None,
        lang: Lang::Zh,
    };
    golden(&format!("{stem}.html"), &render(Target::Html, &input));
    golden(&format!("{stem}.md"), &render(Target::Markdown, &input));
    golden(&format!("{stem}.txt"), &render(Target::Text, &input));
}

#[test]
fn report_2021() {
    outputs(FormatId::F2021, "report-2021");
}

#[test]
fn report_2019() {
    outputs(FormatId::F2019, "report-2019");
}

#[test]
fn new_drafts() {
    golden(
        "new-2021.toml",
        &draft::template(
            FormatId::F2021,
            2025,
            "某某市某某区人民政府办公室",
            Fill::Blank,
        ),
    );
    golden(
        "new-2019.toml",
        &draft::template(
            FormatId::F2019,
            2020,
            "某某市某某区人民政府办公室",
            Fill::Blank,
        ),
    );
}
