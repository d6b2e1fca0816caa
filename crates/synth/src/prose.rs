//! Generated prose: the intro, 一、总体情况, the notes before 表三/表四, 五 and 六, the signature.
//!
//! Sentences are drawn from small banks written after the seed reports. The few figures they
//! state come from the report (so a checker comparing prose with tables finds them consistent)
//! and are always followed by a unit (件, 条, 个, 元): a count is never printed next to 年, where
//! a four-digit count could pass for a year.

use gongkai_model::{CellKey, FormatId, Report};
use rand::rngs::SmallRng;

use crate::names;
use crate::rng::{between, chance, pick};
use crate::variants::{TitleStyle, Variants};

/// What the prose talks about, read from the report once.
#[derive(Debug, Clone)]
pub(crate) struct Facts {
    pub agency: String,
    pub me: &'static str,
    pub year: i32,
    pub format: FormatId,
    pub received: Option<u64>,
    pub carried_in: Option<u64>,
    pub handled: Option<u64>,
    pub carried_out: Option<u64>,
    pub disclosed: Option<u64>,
    pub reviews: Option<u64>,
    pub lawsuits: Option<u64>,
    /// (month, day) of publication, for the signature.
    pub signed: (u32, u32),
}

fn value(
    report: &Report,
    table: &'static str,
    row: &'static str,
    column: &'static str,
) -> Option<u64> {
    report
        .value(&CellKey { table, row, column })
        .map(|v| v.max(0.0).round() as u64)
}

impl Facts {
    pub fn of(report: &Report) -> Facts {
        let agency = report
            .agency
            .value
            .clone()
            .unwrap_or_else(|| "某某县人民政府办公室".to_string());
        let req = |row| value(report, "requests", row, "total");
        let rev = |row| value(report, "review_litigation", row, "total");
        Facts {
            me: names::self_reference(&agency),
            agency,
            year: report.year.value.unwrap_or(2021),
            format: report.format,
            received: req("received"),
            carried_in: req("carried_in"),
            handled: req("total"),
            carried_out: req("carried_out"),
            disclosed: req("granted")
                .zip(req("partially_granted"))
                .map(|(a, b)| a + b),
            reviews: rev("review"),
            lawsuits: rev("litigation_direct")
                .zip(rev("litigation_after_review"))
                .map(|(a, b)| a + b),
            signed: report
                .published_on
                .value
                .map(|d| (d.month, d.day))
                .unwrap_or((1, 20)),
        }
    }
}

/// `2021年` or ` 2021 年` (spaced extraction); callers trim paragraph starts.
fn year(v: &Variants, y: i32) -> String {
    format!("{}年", v.num(y))
}

/// The title, as one line or split after the agency (seeds 000, 004).
pub(crate) fn title(v: &Variants, f: &Facts) -> Vec<String> {
    let rest = match v.title {
        TitleStyle::Annual => "政府信息公开工作年度报告",
        TitleStyle::YearWork => "度政府信息公开工作报告",
        TitleStyle::YearAnnual => "度政府信息公开工作年度报告",
    };
    let yr = year(v, f.year);
    if v.split_title {
        vec![f.agency.clone(), format!("{}{rest}", yr.trim())]
    } else {
        vec![format!("{}{}{rest}", f.agency, yr.trim())]
    }
}

/// The opening paragraph: the legal basis and the statistical period.
pub(crate) fn intro(rng: &mut SmallRng, v: &Variants, f: &Facts) -> Vec<String> {
    let y = year(v, f.year);
    let basis = pick(
        rng,
        &[
            "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定",
            "依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级有关文件要求",
            "按照《中华人民共和国政府信息公开条例》（以下简称《条例》）规定和政务公开工作部署",
        ],
    );
    let made = match chance(rng, 0.5) {
        true => format!("，{}编制本报告。", f.agency),
        false => format!(
            "，现公布{}{}度政府信息公开工作年度报告。",
            f.agency,
            y.trim_end()
        ),
    };
    let period = match chance(rng, 0.5) {
        true => format!(
            "本报告中所列数据的统计期限自{y}{}月{}日起至{y}{}月{}日止。",
            v.num(1),
            v.num(1),
            v.num(12),
            v.num(31)
        ),
        false => format!(
            "本报告所列数据的统计期限为{y}{}月{}日至{}月{}日。",
            v.num(1),
            v.num(1),
            v.num(12),
            v.num(31)
        ),
    };
    let contact = if chance(rng, 0.5) {
        format!(
            "如对本报告有任何疑问，请与{}联系（电话：0{}-{}）。",
            f.agency,
            between(rng, 351, 999),
            between(rng, 2_000_000, 8_999_999)
        )
    } else {
        String::new()
    };
    vec![format!("{basis}{made}{period}{contact}")]
}

const PROACTIVE: &[&str] = &[
    "坚持“以公开为常态、不公开为例外”原则，及时公开机构职能、政策文件、工作动态等信息",
    "围绕中心工作，持续加大重点领域信息公开力度，做好政策解读和回应关切",
    "通过政府门户网站、政务新媒体等渠道及时发布政府信息",
];
const MANAGEMENT: &[&str] = &[
    "严格落实信息发布保密审查制度，坚持“先审查、后公开”和“一事一审”原则，确保公开信息准确规范。",
    "加强政府信息公开目录和公开指南动态更新，规范政府信息的制作、公开和归档管理。",
    "建立健全政府信息公开工作制度，明确分管领导和具体责任人，做到责任到岗、任务到人。",
];
const PLATFORM: &[&str] = &[
    "持续优化政府网站政府信息公开专栏，规范栏目设置，确保法定主动公开内容公开到位。",
    "积极利用微信公众号、政务微博等新媒体平台，拓宽信息公开渠道，提升信息传播效果。",
    "推动政府网站与政务新媒体协同联动，做好信息同步发布和维护更新工作。",
];
const OVERSIGHT: &[&str] = &[
    "将政府信息公开工作纳入年度绩效考核，定期开展自查自纠，发现问题及时整改。",
    "主动接受社会公众和新闻媒体监督，畅通意见建议反馈渠道，本年度未发生因政府信息公开工作引发的责任追究情况。",
    "加强对政府信息公开工作的监督检查，确保各项工作落到实处。",
];

/// 一、总体情况: the five aspects of REPORT-FORMAT §1.1, as headed subsections or run-in.
pub(crate) fn overview(rng: &mut SmallRng, v: &Variants, f: &Facts) -> Vec<String> {
    let y = year(v, f.year);
    let items = between(rng, 12, 900);
    let proactive = format!(
        "{y}，{}{}，全年共主动公开政府信息{}条。",
        f.me,
        pick(rng, PROACTIVE),
        v.num(items)
    );
    let requests = match (f.received, f.handled) {
        (Some(0), _) | (None, _) => format!("{y}，{}未收到政府信息公开申请。", f.me),
        (Some(r), Some(h)) => {
            let mut s = format!("{y}，{}共收到政府信息公开申请{}件", f.me, v.num(r));
            if let Some(c) = f.carried_in.filter(|c| *c > 0) {
                s.push_str(&format!("，上年结转{}件", v.num(c)));
            }
            s.push_str(&format!("，办结{}件", v.num(h)));
            if let Some(d) = f.disclosed.filter(|d| *d > 0) {
                s.push_str(&format!("，其中予以公开及部分公开{}件", v.num(d)));
            }
            match f.carried_out {
                Some(c) if c > 0 => s.push_str(&format!("，结转下年度继续办理{}件。", v.num(c))),
                _ => s.push('。'),
            }
            s
        }
        (Some(r), None) => format!("{y}，{}共收到政府信息公开申请{}件。", f.me, v.num(r)),
    };
    let sections: [(&str, String); 5] = [
        ("主动公开情况", proactive),
        (
            "依申请公开情况",
            format!("进一步规范依申请公开工作流程。{requests}"),
        ),
        ("政府信息管理情况", pick(rng, MANAGEMENT).to_string()),
        ("政府信息公开平台建设情况", pick(rng, PLATFORM).to_string()),
        ("监督保障情况", pick(rng, OVERSIGHT).to_string()),
    ];
    let mut out = Vec::new();
    if chance(rng, 0.5) {
        out.push(format!(
            "{y}，{}认真贯彻落实《条例》和上级关于政务公开工作的部署要求，扎实推进政府信息公开各项工作。",
            f.me
        ));
    }
    let numerals = ["一", "二", "三", "四", "五"];
    for ((head, body), n) in sections.iter().zip(numerals) {
        let head = v.label(&format!("（{n}）{head}"));
        if v.subheads_on_own_line {
            out.push(head);
            out.push(body.clone());
        } else {
            out.push(format!("{head}。{body}"));
        }
    }
    out
}

/// The sentence some reports put before 表三 or 表四 (seed 004).
pub(crate) fn before_table(
    rng: &mut SmallRng,
    v: &Variants,
    f: &Facts,
    table: &str,
) -> Option<String> {
    if !chance(rng, 0.35) {
        return None;
    }
    let y = year(v, f.year);
    match table {
        "requests" => Some(match f.received {
            Some(0) => format!("{y}，{}没有收到需要办理的依申请公开事项。", f.me),
            _ => format!("{y}，{}依申请公开办理情况如下表所示。", f.me),
        }),
        "review_litigation" => Some(match (f.reviews, f.lawsuits) {
            (Some(0), Some(0)) => {
                format!("{y}度，{}没有政府信息公开行政复议、行政诉讼情况。", f.me)
            }
            (Some(r), Some(l)) => format!(
                "{y}，{}因政府信息公开被申请行政复议{}件，被提起行政诉讼{}件。",
                f.me,
                v.num(r),
                v.num(l)
            ),
            _ => return None,
        }),
        _ => None,
    }
}

const PROBLEMS: &[&str] = &[
    "主动公开的意识还不够强，公开内容有时不够完整",
    "政策解读的形式较为单一，解读质量有待提高",
    "信息公开工作人员业务能力有待加强，人员变动较为频繁",
    "公开信息的时效性还需进一步提升",
    "依申请公开答复文书的规范性有待进一步提高",
];
const IMPROVEMENTS: &[&str] = &[
    "加强业务培训，组织工作人员深入学习《条例》，提升政府信息公开工作水平",
    "进一步拓展主动公开范围，健全重大行政决策公众参与机制",
    "深化政策解读回应，丰富解读形式，提高解读质量",
    "强化监督检查，严格落实政务公开领导体制和工作机制",
    "规范依申请公开办理流程，提高答复质量和效率",
];
const ORDINALS: [&str; 3] = ["一是", "二是", "三是"];

fn listing(rng: &mut SmallRng, bank: &[&str], n: usize) -> String {
    let mut used: Vec<&str> = Vec::new();
    let mut s = String::new();
    for ordinal in ORDINALS.iter().take(n) {
        let mut item = pick(rng, bank);
        // Avoid saying the same thing twice; the banks are longer than any listing.
        for alt in bank {
            if !used.contains(&item) {
                break;
            }
            item = alt;
        }
        used.push(item);
        s.push_str(&format!("{ordinal}{item}。"));
    }
    s
}

/// 五、存在的主要问题及改进情况.
pub(crate) fn problems(rng: &mut SmallRng, v: &Variants, f: &Facts) -> Vec<String> {
    let n_problems = between(rng, 2, 3) as usize;
    let n_steps = between(rng, 2, 3) as usize;
    let problems = listing(rng, PROBLEMS, n_problems);
    let steps = listing(rng, IMPROVEMENTS, n_steps);
    if chance(rng, 0.5) {
        vec![
            v.label("（一）存在的主要问题"),
            problems,
            v.label("（二）改进情况"),
            format!("下一步，{}将{steps}", f.me),
        ]
    } else {
        vec![
            format!(
                "{}，{}政府信息公开工作取得了一定成效，但仍存在一些不足。{problems}",
                year(v, f.year),
                f.me
            ),
            format!("在今后的工作中，{}将着力做好以下工作：{steps}", f.me),
        ]
    }
}

/// 六、其他需要报告的事项: the 信息处理费 statement the 2021 format asks for, or 无.
pub(crate) fn other_matters(rng: &mut SmallRng, v: &Variants, f: &Facts) -> Vec<String> {
    let y = year(v, f.year);
    match (f.format, pick(rng, &[0u8, 1, 2, 3])) {
        (FormatId::F2021, 0) => vec![format!("本年度{}未收取信息处理费。", f.me)],
        (FormatId::F2021, 1) => vec![format!(
            "依据《政府信息公开信息处理费管理办法》，{y}{}共收取信息处理费{}元。",
            f.me,
            v.num(100 * between(rng, 1, 30))
        )],
        (FormatId::F2021, _) => vec![format!(
            "{y}，{}未收取信息处理费。本年度无其他需要报告的事项。",
            f.me
        )],
        (_, 0) => vec!["无。".to_string()],
        (_, _) => vec![format!("{y}，{}无其他需要报告的事项。", f.me)],
    }
}

/// The signature block: the agency and the date, often pushed to the right (seed 000).
pub(crate) fn signature(rng: &mut SmallRng, f: &Facts) -> Vec<String> {
    let indent = if chance(rng, 0.5) {
        " ".repeat(between(rng, 10, 30) as usize)
    } else {
        String::new()
    };
    let (m, d) = f.signed;
    vec![
        format!("{indent}{}", f.agency),
        // Signatures are typed, not extracted: no spaced numbers here.
        format!("{indent}{}年{m}月{d}日", f.year + 1),
    ]
}
