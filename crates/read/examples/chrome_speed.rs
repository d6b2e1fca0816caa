//! Micro-timing of the chrome test on typical lines (profiling aid).
use std::time::Instant;

fn main() {
    let lines = [
        "0",
        " 19",
        "规章",
        "（一）予以公开",
        "1.属于国家秘密",
        "一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||",
        "2020年,主动公开政府信息92条,涵盖政策法规、意见征集、行政处罚、宣传科普、工作动态等各方面。",
        "信息内容",
        "发布日期:2021-01-04    点击数:",
    ];
    for l in lines {
        let n = 200_000;
        let t = Instant::now();
        let mut c = 0;
        for _ in 0..n {
            c += usize::from(gongkai_read::chrome::is_chrome(std::hint::black_box(l)));
        }
        println!(
            "{:>7.1} ns  chrome={}  {l}",
            t.elapsed().as_nanos() as f64 / n as f64,
            c > 0
        );
    }
}
