//! Realistic agency names: `{城市}{区县}{部门}` and their relatives.
//!
//! Real place names make the texts look like the corpus (and exercise a reader's handling of
//! names that contain 市, 区, 县 and 人民政府 themselves). The size of the agency follows the scale:
//! city governments and big departments are busy, towns and small district offices are quiet.

use rand::rngs::SmallRng;

use crate::generate::Scale;
use crate::rng::{chance, pick};

/// A prefecture-level city and some of its districts or counties.
const CITIES: &[(&str, &[&str])] = &[
    ("杭州市", &["滨江区", "西湖区", "余杭区", "淳安县"]),
    ("鹤岗市", &["南山区", "向阳区", "萝北县"]),
    ("双鸭山市", &["四方台区", "尖山区", "饶河县"]),
    ("成都市", &["武侯区", "锦江区", "郫都区", "蒲江县"]),
    ("武汉市", &["江汉区", "洪山区", "江夏区"]),
    ("南京市", &["秦淮区", "鼓楼区", "高淳区"]),
    ("济南市", &["历下区", "槐荫区", "平阴县"]),
    ("广州市", &["天河区", "越秀区", "从化区"]),
    ("深圳市", &["龙岗区", "南山区", "宝安区"]),
    ("西安市", &["雁塔区", "碑林区", "周至县"]),
    ("苏州市", &["吴中区", "姑苏区", "昆山市"]),
    ("孝感市", &["安陆市", "孝昌县", "大悟县"]),
    ("济宁市", &["任城区", "微山县", "泗水县"]),
    ("白山市", &["长白朝鲜族自治县", "浑江区", "抚松县"]),
    ("保定市", &["雄县", "莲池区", "涞水县"]),
];

/// Towns (乡镇) of a county, generic enough to sit under any county above.
const TOWNS: &[&str] = &[
    "长白镇人民政府",
    "城关镇人民政府",
    "新华镇人民政府",
    "马鞍山乡人民政府",
    "东风镇人民政府",
    "红旗街道办事处",
    "金桥街道办事处",
];

/// Departments that see many requests (land, housing, police, social security).
const BUSY_DEPARTMENTS: &[&str] = &[
    "自然资源和规划局",
    "住房和城乡建设局",
    "公安局",
    "人力资源和社会保障局",
    "市场监督管理局",
    "生态环境局",
    "交通运输局",
];

/// Departments of every size.
const DEPARTMENTS: &[&str] = &[
    "应急管理局",
    "教育局",
    "民政局",
    "财政局",
    "卫生健康局",
    "审计局",
    "司法局",
    "农业农村局",
    "水利局",
    "商务局",
    "统计局",
    "医疗保障局",
    "退役军人事务局",
    "文化广电旅游局",
    "发展和改革局",
    "科学技术局",
];

/// A random agency name of a size that fits the scale.
pub(crate) fn agency(rng: &mut SmallRng, scale: Scale) -> String {
    let (city, districts) = pick(rng, CITIES);
    let district = pick(rng, districts);
    match scale {
        Scale::Busy => match pick(rng, &[0u8, 1, 2, 3]) {
            0 => format!("{city}人民政府"),
            1 => format!("{city}人民政府办公室"),
            2 => format!("{city}{}", pick(rng, BUSY_DEPARTMENTS)),
            _ => format!("{city}{district}人民政府"),
        },
        Scale::Typical => match pick(rng, &[0u8, 1, 2, 3]) {
            0 => format!("{city}{district}人民政府办公室"),
            1 => format!("{city}{district}{}", pick(rng, BUSY_DEPARTMENTS)),
            2 => format!("{city}{}", pick(rng, DEPARTMENTS)),
            _ => format!("{city}{district}{}", pick(rng, DEPARTMENTS)),
        },
        Scale::Quiet => {
            if chance(rng, 0.4) {
                // Towns are named under their county, as seed 003: 长白朝鲜族自治县长白镇人民政府.
                format!("{district}{}", pick(rng, TOWNS))
            } else {
                format!("{city}{district}{}", pick(rng, DEPARTMENTS))
            }
        }
    }
}

/// How an agency refers to itself in prose: 我局, 我办, 我镇 … (本机关 when unsure).
pub(crate) fn self_reference(agency: &str) -> &'static str {
    let ends = |s: &str| agency.ends_with(s);
    if ends("办公室") {
        "我办"
    } else if ends("局") {
        "我局"
    } else if ends("委员会") {
        "我委"
    } else if ends("镇人民政府") {
        "我镇"
    } else if ends("乡人民政府") {
        "我乡"
    } else if ends("街道办事处") {
        "本街道"
    } else if ends("区人民政府") {
        "我区"
    } else if ends("县人民政府") {
        "我县"
    } else if ends("市人民政府") {
        "我市"
    } else {
        "本机关"
    }
}
