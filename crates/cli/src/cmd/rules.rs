//! `gongkai rules [ID]`: the rule catalogue, like a linter's.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Result};
use gongkai_model::Lang;

use crate::args::RulesArgs;

pub fn run(args: RulesArgs) -> Result<ExitCode> {
    let lang: Lang = args.lang.into();
    match args.id {
        Some(id) => match gongkai_check::rule(&id) {
            Some(info) => {
                writeln!(
                    std::io::stdout().lock(),
                    "{}",
                    gongkai_check::rule_page(&info, lang)
                )?;
                Ok(ExitCode::SUCCESS)
            }
            None => bail!(
                "{}",
                match lang {
                    Lang::Zh =>
                        format!("没有编号为 {id} 的规则；运行 `gongkai rules` 查看全部规则"),
                    Lang::En => format!("no rule {id}; run `gongkai rules` for the list"),
                }
            ),
        },
        None => {
            let rules = gongkai_check::catalogue();
            let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            let mut out = std::io::stdout().lock();
            for r in &rules {
                let sev = match lang {
                    Lang::Zh => r.severity.zh().to_string(),
                    Lang::En => r.severity.key().to_string(),
                };
                writeln!(out, "{:<width$}  {:<7}  {}", r.id, sev, r.name.get(lang))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
