//! Report metadata: the hand-checked golden values of the seeds (with the line and the printed
//! text each was read from), small hand-made variants, and no-panic / linear-cost properties.

use encoding_rs::GBK;
use gongkai_model::{Date, Located, Source};
use gongkai_read::decode::decode;
use gongkai_read::meta::{read_meta, Meta};
use gongkai_read::Document;
use proptest::prelude::*;
use std::time::{Duration, Instant};

fn seed(name: &str) -> Document {
    let path = format!(
        "{}/../../tests/fixtures/seeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    Document::new(std::fs::read_to_string(path).expect("seed"))
}

fn meta_of(text: &str) -> (Document, Meta) {
    let doc = Document::new(text.to_owned());
    let meta = read_meta(&doc);
    (doc, meta)
}

/// The line of a source and the text it spans, so a test shows what was read from where.
fn printed(doc: &Document, source: &Source) -> (u32, String) {
    match *source {
        Source::Text {
            line, column, len, ..
        } => {
            let text = doc
                .line(line)
                .chars()
                .skip(column as usize - 1)
                .take(len as usize)
                .collect();
            (line, text)
        }
        other => panic!("expected a text source, got {other:?}"),
    }
}

/// `(value, line, printed text)` of a field, or `None` when it was not found (and then its
/// source must be none too).
fn field<T: Clone>(doc: &Document, f: &Located<T>) -> Option<(T, u32, String)> {
    match &f.value {
        Some(v) => {
            let (line, text) = printed(doc, &f.source);
            Some((v.clone(), line, text))
        }
        None => {
            assert!(f.source.is_none(), "a missing value has no source");
            None
        }
    }
}

fn agency(doc: &Document, m: &Meta) -> Option<(String, u32, String)> {
    field(doc, &m.agency)
}

fn year(doc: &Document, m: &Meta) -> Option<(i32, u32, String)> {
    field(doc, &m.year)
}

fn date(doc: &Document, f: &Located<Date>) -> Option<(String, u32, String)> {
    field(doc, f).map(|(d, line, text)| (d.to_string(), line, text))
}

fn s(v: &str) -> String {
    v.to_owned()
}

// ---------------------------------------------------------------------------------------------
// Golden: the five seeds

#[test]
fn seed_000_title_line_stamp_and_signature() {
    let doc = seed("000_33abec3ff02c02bd.txt");
    let m = read_meta(&doc);
    assert_eq!(
        agency(&doc, &m),
        Some((s("鹤岗市人民政府办公室"), 1, s("鹤岗市人民政府办公室")))
    );
    assert_eq!(year(&doc, &m), Some((2020, 1, s("2020"))));
    // Line 3 `2021-01-28 13:53 鹤岗市人民政府办公室` is the posting stamp.
    assert_eq!(
        date(&doc, &m.published_on),
        Some((s("2021-01-28"), 3, s("2021-01-28")))
    );
    // Line 609 `2021年1月27日` under the signature is when it was written, kept apart.
    assert_eq!(
        date(&doc, &m.signed_on),
        Some((s("2021-01-27"), 609, s("2021年1月27日")))
    );
}

#[test]
fn seed_001_no_title_agency_from_the_body_qualified_by_its_place() {
    let doc = seed("001_a1fd908adc18705e.txt");
    let m = read_meta(&doc);
    // `2020年,区应急管理局严格按照《杭州市滨江区人民政府办公室…》`: the subject, with the place
    // the body names for its level (区).
    assert_eq!(
        agency(&doc, &m),
        Some((s("杭州市滨江区应急管理局"), 1, s("区应急管理局")))
    );
    // From the statistical period `统计期限自2020年1月1日起至12月31日止`.
    let (y, line, text) = year(&doc, &m).expect("a year");
    assert_eq!((y, line, text.as_str()), (2020, 1, "2020"));
    let col = match m.year.source {
        Source::Text { column, .. } => column as usize,
        _ => 0,
    };
    let before: String = doc.line(1).chars().take(col - 1).collect();
    assert!(
        before.ends_with("统计期限自"),
        "read from the period: {before}"
    );
    assert_eq!(date(&doc, &m.published_on), None);
    assert_eq!(date(&doc, &m.signed_on), None);
}

#[test]
fn seed_002_place_only_title_and_labelled_time() {
    let doc = seed("002_a636d83d73b501d7.txt");
    let m = read_meta(&doc);
    assert_eq!(
        agency(&doc, &m),
        Some((s("安陆市人民政府"), 1, s("安陆市")))
    );
    assert_eq!(year(&doc, &m), Some((2017, 1, s("2017"))));
    // `信息来源:市政府办公室 发表时间:2018-01-17 11:21:45`
    assert_eq!(
        date(&doc, &m.published_on),
        Some((s("2018-01-17"), 3, s("2018-01-17")))
    );
    assert_eq!(date(&doc, &m.signed_on), None);
}

#[test]
fn seed_003_title_under_login_chrome_and_labelled_date() {
    let doc = seed("003_d22f653d47743c2c.txt");
    let m = read_meta(&doc);
    assert_eq!(
        agency(&doc, &m),
        Some((
            s("长白朝鲜族自治县长白镇人民政府"),
            3,
            s("长白朝鲜族自治县长白镇人民政府")
        ))
    );
    assert_eq!(year(&doc, &m), Some((2020, 3, s("2020"))));
    assert_eq!(
        date(&doc, &m.published_on),
        Some((s("2021-01-04"), 5, s("2021-01-04")))
    );
    // The signature date is printed mangled (`202114`): not a date.
    assert_eq!(date(&doc, &m.signed_on), None);
}

#[test]
fn seed_004_title_split_over_two_lines() {
    let doc = seed("004_b6b282f6157a8fb9.txt");
    let m = read_meta(&doc);
    assert_eq!(
        agency(&doc, &m),
        Some((s("四方台区人民政府办公室"), 3, s("四方台区人民政府办公室")))
    );
    // `2021 年政府信息公开工作年度报告`; `共发布信息 2020 条` further down is a count.
    assert_eq!(year(&doc, &m), Some((2021, 5, s("2021"))));
    assert_eq!(date(&doc, &m.published_on), None);
    assert_eq!(date(&doc, &m.signed_on), None);
}

// ---------------------------------------------------------------------------------------------
// Hand-made variants: titles

#[test]
fn full_width_digits_in_the_title() {
    let (doc, m) = meta_of("某某县人民政府２０２１年政府信息公开工作年度报告\n\n一、总体情况\n");
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某县人民政府"), 1, s("某某县人民政府")))
    );
    assert_eq!(year(&doc, &m), Some((2021, 1, s("２０２１"))));
}

#[test]
fn chinese_numeral_year_in_the_title() {
    let (doc, m) = meta_of("某某市统计局二〇二一年政府信息公开工作年度报告\n一、总体情况\n");
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某市统计局"), 1, s("某某市统计局")))
    );
    assert_eq!(year(&doc, &m), Some((2021, 1, s("二〇二一"))));
}

#[test]
fn traditional_characters() {
    let text = "鶴崗市人民政府辦公室2020年度政府信息公開工作報告\n\
                發佈日期：2021-01-28　瀏覽次數：12\n\
                一、總體情況\n\
                本報告中所列數據的統計期限自2020年1月1日起至2020年12月31日止。\n";
    let (doc, m) = meta_of(text);
    assert_eq!(
        agency(&doc, &m),
        Some((s("鶴崗市人民政府辦公室"), 1, s("鶴崗市人民政府辦公室")))
    );
    assert_eq!(year(&doc, &m), Some((2020, 1, s("2020"))));
    assert_eq!(
        date(&doc, &m.published_on),
        Some((s("2021-01-28"), 2, s("2021-01-28")))
    );
}

#[test]
fn year_in_brackets_after_the_title() {
    let (doc, m) = meta_of("某某市生态环境局政府信息公开工作年度报告（2022年度）\n一、总体情况\n");
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某市生态环境局"), 1, s("某某市生态环境局")))
    );
    assert_eq!(year(&doc, &m), Some((2022, 1, s("2022"))));
    let (doc, m) = meta_of("某某县人民政府（2022年度）政府信息公开工作年度报告\n");
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某县人民政府"), 1, s("某某县人民政府")))
    );
    assert_eq!(year(&doc, &m), Some((2022, 1, s("2022"))));
}

#[test]
fn year_before_the_agency_in_the_title() {
    let (doc, m) = meta_of("2020年某某区人民政府政府信息公开工作年度报告\n");
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某区人民政府"), 1, s("某某区人民政府")))
    );
    assert_eq!(year(&doc, &m), Some((2020, 1, s("2020"))));
}

#[test]
fn title_cut_inside_renmin_zhengfu() {
    // `人民政府信息公开` reads as `人民` + `政府信息公开`; the name keeps its 政府.
    let (doc, m) =
        meta_of("某某市人民政府2021年信息公开工作年度报告\n某某市人民政府信息公开年报\n");
    assert_eq!(agency(&doc, &m).map(|a| a.0), Some(s("某某市人民政府")));
    let (doc, m) = meta_of("某某市人民政府信息公开工作年度报告\n");
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某市人民政府"), 1, s("某某市人民")))
    );
}

#[test]
fn places_complete_to_their_government_but_zones_do_not() {
    let (_, m) = meta_of("某某街道2021年政府信息公开工作年度报告\n");
    assert_eq!(m.agency.value.as_deref(), Some("某某街道办事处"));
    let (_, m) = meta_of("某某镇2021年政府信息公开工作年度报告\n");
    assert_eq!(m.agency.value.as_deref(), Some("某某镇人民政府"));
    let (_, m) = meta_of("某某经济技术开发区2021年政府信息公开工作年度报告\n");
    assert_eq!(m.agency.value.as_deref(), Some("某某经济技术开发区"));
    let (_, m) = meta_of("某某市政府信息公开工作年度报告（2021年度）\n");
    assert_eq!(m.agency.value.as_deref(), Some("某某市人民政府"));
}

#[test]
fn title_below_chrome_with_site_name_and_stamp_on_the_same_line() {
    let text = "登录 | 注册\n\
                首页 > 政务公开 > 政府信息公开年报\n\
                扫一扫在手机打开当前页\n\
                \n\
                某某区人民政府2021年政府信息公开工作年度报告_某某区人民政府网\n\
                发布时间：2022-01-20 09:30:00  浏览次数：12  【字体：大 中 小】\n\
                一、总体情况\n";
    let (doc, m) = meta_of(text);
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某区人民政府"), 5, s("某某区人民政府")))
    );
    assert_eq!(year(&doc, &m), Some((2021, 5, s("2021"))));
    assert_eq!(
        date(&doc, &m.published_on),
        Some((s("2022-01-20"), 6, s("2022-01-20")))
    );
}

#[test]
fn title_and_chrome_share_a_line() {
    let (doc, m) =
        meta_of("某某县财政局2021年政府信息公开工作年度报告 发布日期：2022/1/18 点击数：\n");
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某县财政局"), 1, s("某某县财政局")))
    );
    assert_eq!(year(&doc, &m), Some((2021, 1, s("2021"))));
    assert_eq!(
        date(&doc, &m.published_on),
        Some((s("2022-01-18"), 1, s("2022/1/18")))
    );
}

#[test]
fn a_menu_item_that_looks_like_a_title_gives_way_to_the_title() {
    let text = "某某市人民政府\n\
                政府信息公开年报\n\
                某某市审计局2021年政府信息公开工作年度报告\n\
                一、总体情况\n";
    let (doc, m) = meta_of(text);
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某市审计局"), 3, s("某某市审计局")))
    );
    assert_eq!(year(&doc, &m), Some((2021, 3, s("2021"))));
}

#[test]
fn agency_on_the_line_below_a_title_without_one() {
    let (doc, m) = meta_of("2021年政府信息公开工作年度报告\n某某市统计局\n一、总体情况\n");
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某市统计局"), 2, s("某某市统计局")))
    );
    assert_eq!(year(&doc, &m), Some((2021, 1, s("2021"))));
}

#[test]
fn a_citation_of_a_report_is_not_a_title() {
    let text = "根据要求，现将《某某市2019年度政府信息公开工作报告》公布如下。\n\
                2020年，某某市自然资源局认真贯彻《条例》。\n";
    let (doc, m) = meta_of(text);
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某市自然资源局"), 2, s("某某市自然资源局")))
    );
    assert_eq!(year(&doc, &m), Some((2020, 2, s("2020"))));
}

// ---------------------------------------------------------------------------------------------
// Hand-made variants: years that are not the report year

#[test]
fn a_count_is_not_a_year() {
    let text = "全年共发布信息 2020 条，其中政策解读 2019 条。\n\
                2021年，本局共发布信息2020条。\n";
    let (doc, m) = meta_of(text);
    assert_eq!(year(&doc, &m), Some((2021, 2, s("2021"))));
    let (_, m) = meta_of("全年共发布信息 2020 条。\n依据国办公开办函〔2019〕60号文件要求。\n");
    assert_eq!(m.year.value, None);
}

#[test]
fn a_year_qualifying_a_noun_is_not_the_report_year() {
    let (_, m) = meta_of("2020年本行政区域(或本部门)政府信息公开发布总数量(非新闻类、消息类):0\n");
    assert_eq!(m.year.value, None);
}

#[test]
fn the_statistical_period_beats_the_body_and_numeric_periods_count() {
    let text = "某某局政府信息公开工作年度报告\n\
                2019年，我局认真贯彻《条例》。\n\
                本报告统计期限为2020-01-01至2020-12-31。\n";
    let (doc, m) = meta_of(text);
    assert_eq!(year(&doc, &m), Some((2020, 3, s("2020"))));
    assert_eq!(m.agency.value.as_deref(), Some("某某局"));
}

#[test]
fn full_width_and_chinese_numeral_periods() {
    let (doc, m) = meta_of("本报告统计期限自２０２１年１月１日起至１２月３１日止。\n");
    assert_eq!(year(&doc, &m), Some((2021, 1, s("２０２１"))));
    let (doc, m) = meta_of("统计期限为二〇二一年一月一日至二〇二一年十二月三十一日。\n");
    assert_eq!(year(&doc, &m), Some((2021, 1, s("二〇二一"))));
}

#[test]
fn the_most_frequent_opening_year_wins() {
    let text = "一年来，本局认真工作。\n\
                2021年，主动公开信息30条。\n\
                2020年，本局的工作得到肯定。2021年，未收到申请。\n\
                2021年度，未发生行政复议。\n";
    let (doc, m) = meta_of(text);
    assert_eq!(year(&doc, &m), Some((2021, 2, s("2021"))));
}

#[test]
fn years_out_of_range_are_not_years() {
    let (_, m) = meta_of("某某局1998年政府信息公开工作年度报告\n");
    assert_eq!(m.year.value, None);
    let (_, m) = meta_of("某某局2101年政府信息公开工作年度报告\n");
    assert_eq!(m.year.value, None);
}

// ---------------------------------------------------------------------------------------------
// Hand-made variants: agencies without a title

#[test]
fn signature_block_when_there_is_no_title() {
    let text = "一年来，我局认真贯彻《条例》。\n\
                一、总体情况\n\
                2021年，我局共主动公开信息20条。\n\
                \n\
                                某某市自然资源局\n\
                              2022年1月20日\n\
                扫一扫在手机打开当前页\n";
    let (doc, m) = meta_of(text);
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某市自然资源局"), 5, s("某某市自然资源局")))
    );
    assert_eq!(year(&doc, &m), Some((2021, 3, s("2021"))));
    // Only a signature date: published_on stays empty, the date is in signed_on.
    assert_eq!(date(&doc, &m.published_on), None);
    assert_eq!(
        date(&doc, &m.signed_on),
        Some((s("2022-01-20"), 6, s("2022年1月20日")))
    );
}

#[test]
fn signature_completes_an_abbreviated_subject() {
    let text = "2021年，区市场监管局严格按照要求做好信息公开工作。\n\
                某某市某某区市场监管局\n\
                二〇二二年一月十八日\n";
    let (doc, m) = meta_of(text);
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某市某某区市场监管局"), 1, s("区市场监管局")))
    );
    assert_eq!(
        date(&doc, &m.signed_on),
        Some((s("2022-01-18"), 3, s("二〇二二年一月十八日")))
    );
}

#[test]
fn an_abbreviated_subject_with_no_place_stays_as_printed() {
    let (doc, m) = meta_of("2021年，县教育局坚持公开为常态。\n");
    assert_eq!(agency(&doc, &m), Some((s("县教育局"), 1, s("县教育局"))));
}

#[test]
fn a_department_starting_like_a_level_is_not_qualified() {
    // 市场监管局 is not 市 + 场监管局, even when the text names a 市.
    let text = "2021年，市场监管局严格落实某某市人民政府的部署。\n";
    let (doc, m) = meta_of(text);
    assert_eq!(
        agency(&doc, &m),
        Some((s("市场监管局"), 1, s("市场监管局")))
    );
    let text = "2021年，市政府办公室严格落实《某某市人民政府关于…》。\n";
    let (doc, m) = meta_of(text);
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某市政府办公室"), 1, s("市政府办公室")))
    );
}

#[test]
fn information_source_is_the_last_resort() {
    let text = "信息来源：某某县卫生健康局  发布时间：2022-01-25\n\
                一、总体情况\n\
                全年主动公开信息50条。\n";
    let (doc, m) = meta_of(text);
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某县卫生健康局"), 1, s("某某县卫生健康局")))
    );
    assert_eq!(
        date(&doc, &m.published_on),
        Some((s("2022-01-25"), 1, s("2022-01-25")))
    );
}

// ---------------------------------------------------------------------------------------------
// Hand-made variants: dates

#[test]
fn publication_dates_in_every_printed_form() {
    for (line, iso, text) in [
        ("发布时间：2021/1/28", "2021-01-28", "2021/1/28"),
        ("发布日期：2021年1月28日", "2021-01-28", "2021年1月28日"),
        (
            "发布日期: 2021 年 1 月 28 日",
            "2021-01-28",
            "2021 年 1 月 28 日",
        ),
        ("发表时间：2021.01.28 08:00", "2021-01-28", "2021.01.28"),
        ("日期：2021-01-28", "2021-01-28", "2021-01-28"),
        ("2021-01-28", "2021-01-28", "2021-01-28"),
        ("[2021/01/28]", "2021-01-28", "2021/01/28"),
        (
            "2021年1月28日 09:15 来源：某某县人民政府",
            "2021-01-28",
            "2021年1月28日",
        ),
    ] {
        let (doc, m) = meta_of(&format!(
            "某某县人民政府2020年政府信息公开工作年度报告\n{line}\n"
        ));
        assert_eq!(
            date(&doc, &m.published_on),
            Some((s(iso), 2, s(text))),
            "{line}"
        );
    }
}

#[test]
fn invalid_dates_are_not_dates() {
    for line in [
        "发布日期：2021-02-30",
        "发布日期：2021-13-01",
        "发布日期：2021年2月29日",
    ] {
        let (_, m) = meta_of(&format!("某某县2020年政府信息公开工作年度报告\n{line}\n"));
        assert_eq!(m.published_on.value, None, "{line}");
    }
    // 2020 was a leap year.
    let (_, m) = meta_of("发布日期：2020-02-29\n");
    assert_eq!(m.published_on.value, Date::new(2020, 2, 29));
}

#[test]
fn publication_label_beats_written_label_and_update_is_ignored() {
    let text = "某某县2020年政府信息公开工作年度报告\n\
                成文日期：2021-01-20\n\
                更新时间：2021-03-01\n\
                发布日期：2021-01-26\n";
    let (doc, m) = meta_of(text);
    assert_eq!(
        date(&doc, &m.published_on),
        Some((s("2021-01-26"), 4, s("2021-01-26")))
    );
    let (doc, m) = meta_of("某某县2020年政府信息公开工作年度报告\n成文日期：2021-01-20\n");
    assert_eq!(
        date(&doc, &m.published_on),
        Some((s("2021-01-20"), 2, s("2021-01-20")))
    );
}

#[test]
fn a_written_date_under_the_title_is_not_a_publication_date() {
    let text = "某某县2020年政府信息公开工作年度报告\n\
                （2021年1月27日）\n\
                一、总体情况\n";
    let (_, m) = meta_of(text);
    assert_eq!(m.published_on.value, None);
}

#[test]
fn dates_in_the_body_are_not_publication_dates() {
    let text = "某某县2020年政府信息公开工作年度报告\n\
                一、总体情况\n\
                2021-01-05 10:00 召开专题会议。\n\
                本报告统计期限自2020年1月1日起至2020年12月31日止。\n";
    let (_, m) = meta_of(text);
    assert_eq!(m.published_on.value, None);
}

// ---------------------------------------------------------------------------------------------
// Encodings

#[test]
fn a_gbk_page_reads_like_its_utf8_original() {
    let text = "登录 | 注册\r\n\
                某某市人民政府办公室2021年政府信息公开工作年度报告\r\n\
                发布时间：2022-01-21 10:00  点击数：\r\n\
                一、总体情况\r\n\
                本年度报告所列数据统计期限自2021年1月1日起至2021年12月31日止。\r\n";
    let (bytes, _, had_errors) = GBK.encode(text);
    assert!(!had_errors);
    let decoded = decode(&bytes).expect("GBK decodes");
    assert_eq!(decoded.encoding, "GB18030");
    let doc = Document::new(decoded.text);
    let m = read_meta(&doc);
    assert_eq!(
        agency(&doc, &m),
        Some((s("某某市人民政府办公室"), 2, s("某某市人民政府办公室")))
    );
    assert_eq!(year(&doc, &m), Some((2021, 2, s("2021"))));
    assert_eq!(
        date(&doc, &m.published_on),
        Some((s("2022-01-21"), 3, s("2022-01-21")))
    );
}

// ---------------------------------------------------------------------------------------------
// Robustness

#[test]
fn empty_and_odd_documents() {
    for text in [
        "",
        "\n\n\n",
        "年",
        "2021年",
        "人民政府",
        "《》",
        "发布日期：",
        "\u{FEFF}",
    ] {
        let (_, m) = meta_of(text);
        assert_eq!(m.published_on.value, None, "{text:?}");
    }
}

/// Linear cost: every shape of large input (one huge line, many lines, many blank lines, many
/// title-like and date-like lines) is read in well under the time a quadratic scan would take.
#[test]
fn large_inputs_are_read_in_linear_time() {
    const SIZE: usize = 50 * 1024 * 1024;
    let shapes: Vec<(&str, String)> = vec![
        ("one huge line", "2020年,区应急管理局严格".repeat(SIZE / 36)),
        (
            "many title lines",
            "某某市2020年政府信息公开工作年度报告\n".repeat(SIZE / 55),
        ),
        // Lines of spaces rather than bare `\n`: Document's line index holds 16 bytes a line.
        (
            "blank lines",
            format!("{}\n", " ".repeat(99)).repeat(SIZE / 100),
        ),
        (
            "chrome lines",
            "登录 | 注册 浏览次数：1 分享到：发布日期：2021-01-01\n".repeat(SIZE / 70),
        ),
        (
            "indented years",
            format!("{}{}", " ".repeat(8000), "2021年，".repeat(SIZE / 10)),
        ),
        (
            "digits and dates",
            "2021-01-28 2021年1月1日至".repeat(SIZE / 30),
        ),
        ("title then blank", {
            let mut t = "某某市2020年政府信息公开工作年度报告\n".to_owned();
            t.push_str(&format!("{}\n", " ".repeat(99)).repeat(SIZE / 100));
            t.push_str("某某市人民政府\n2021年1月27日\n");
            t
        }),
    ];
    for (shape, text) in shapes {
        let doc = Document::new(text);
        let started = Instant::now();
        let m = read_meta(&doc);
        let took = started.elapsed();
        // Only bounded windows are read: milliseconds even unoptimised. A scan quadratic in the
        // input (or in one line) would take minutes to hours.
        assert!(took < Duration::from_secs(3), "{shape}: {took:?}");
        check_sources(&doc, &m);
    }
}

/// Text made of the pieces that steer the reader, so that random inputs reach deep paths.
fn tricky_text() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "年",
        "年度",
        "月",
        "日",
        "2021",
        "２０２１",
        "二〇二一",
        "十二",
        "-",
        "/",
        ".",
        ":",
        "：",
        "，",
        "。",
        "《",
        "》",
        "（",
        "）",
        "〔2019〕",
        "人民政府",
        "人民",
        "区",
        "市",
        "局",
        "应急管理局",
        "政府信息公开工作年度报告",
        "公开",
        "报告",
        "发布日期",
        "成文日期",
        "信息来源",
        "统计期限自",
        "12月31日",
        "1月1日",
        "一、",
        "\n",
        "\r\n",
        " ",
        "\u{3000}",
        "\u{A0}",
        "登录 | 注册",
        "13:53",
        "0",
        "1",
        "我局",
        "严格",
    ];
    proptest::collection::vec(proptest::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn check_sources(doc: &Document, m: &Meta) {
    for source in [
        &m.agency.source,
        &m.year.source,
        &m.published_on.source,
        &m.signed_on.source,
    ] {
        if let Source::Text {
            line, column, len, ..
        } = *source
        {
            assert!(line >= 1 && line <= doc.line_count());
            let chars = doc.line(line).chars().count() as u32;
            assert!(column >= 1 && column - 1 + len <= chars);
            // A span that is not on character boundaries falls back to a whole-line source
            // of length 0: every value found must point at the text it was read from.
            assert!(len > 0, "{source:?}");
        }
    }
    if let Some(y) = m.year.value {
        assert!((2000..=2100).contains(&y));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let (doc, m) = meta_of(&text);
        check_sources(&doc, &m);
    }

    #[test]
    fn tricky_strings_never_panic(text in tricky_text()) {
        let (doc, m) = meta_of(&text);
        check_sources(&doc, &m);
    }
}
