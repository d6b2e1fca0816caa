//! `gongkai new`: an editable report file (TOML) for an agency's report of a year, with every
//! cell of the format, the official labels as comments and the prose parts to write.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use gongkai_model::{FormatId, Lang};
use gongkai_write::draft::{self, Fill};

use crate::args::{FormatArg, NewArgs};

pub fn run(args: NewArgs) -> Result<ExitCode> {
    let lang: Lang = args.lang.into();
    let format = match args.format {
        Some(FormatArg::F2021) => FormatId::F2021,
        Some(FormatArg::F2019) => FormatId::F2019,
        None => FormatId::expected_for_year(args.year),
    };
    if format == FormatId::Legacy {
        bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{} 年度的报告没有统一格式（统一格式自 2019 年度起）。请用 --format 2019 或 --format 2021 指定格式。",
                    args.year
                ),
                Lang::En => format!(
                    "reports for {} have no unified format (the formats start with 2019); pass --format 2019 or --format 2021",
                    args.year
                ),
            }
        );
    }
    let agency = args.agency.trim();
    if agency.is_empty() {
        bail!(
            "{}",
            match lang {
                Lang::Zh => "--agency 不能为空，请填写发布机关名称",
                Lang::En => "--agency must not be empty: give the agency's name",
            }
        );
    }
    let fill = if args.zeros { Fill::Zero } else { Fill::Blank };
    let text = draft::template(format, args.year, agency, fill);
    match &args.output {
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            // A draft is hours of someone's work: never overwrite one by accident.
            if path.exists() && !args.force {
                bail!(
                    "{}",
                    match lang {
                        Lang::Zh => format!(
                            "{} 已存在，未覆盖。如确要覆盖，请加 --force。",
                            path.display()
                        ),
                        Lang::En => format!(
                            "{} exists and was not overwritten; add --force to overwrite it",
                            path.display()
                        ),
                    }
                );
            }
            std::fs::write(path, &text).with_context(|| match lang {
                Lang::Zh => format!("无法写入 {}", path.display()),
                Lang::En => format!("cannot write {}", path.display()),
            })?;
            let p = path.display();
            eprintln!(
                "{}",
                match lang {
                    Lang::Zh =>
                        format!("已生成填报文件 {p}。填写后运行：gongkai render {p} -o 报告.html"),
                    Lang::En => format!(
                        "wrote {p}; fill it in, then run: gongkai render {p} -o report.html"
                    ),
                }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
