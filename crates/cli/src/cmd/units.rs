//! `gongkai units import FILE.csv` / `gongkai units export [-o FILE]`: the units (发布机关),
//! their aliases, parents and kinds, as the CSV `name,aliases,parent,kind`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use clap::{Args, Subcommand};
use gongkai_model::Lang;

use crate::args::LangArg;
use crate::cmd::ingest::DbArg;

#[derive(Debug, Args)]
pub struct UnitsArgs {
    #[command(subcommand)]
    pub command: UnitsCommand,
    #[command(flatten)]
    pub db: DbArg,
    /// 输出语言 / language of messages
    #[arg(long, value_enum, default_value = "zh", global = true)]
    pub lang: LangArg,
}

#[derive(Debug, Subcommand)]
pub enum UnitsCommand {
    /// 导入单位表（列：name,aliases,parent,kind；别名以“；”分隔）/ import units from a CSV
    Import {
        /// CSV 文件 / the CSV file
        file: PathBuf,
    },
    /// 导出单位表 / export the units as CSV
    Export {
        /// 写入的文件（默认标准输出）/ file to write (default: standard output)
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 写入 UTF-8 BOM（便于 Excel 打开）/ start with a UTF-8 BOM (for Excel)
        #[arg(long)]
        bom: bool,
    },
}

pub fn run(args: UnitsArgs) -> Result<ExitCode> {
    let lang: Lang = args.lang.into();
    let mut store = args.db.open(lang)?;
    let msg = |e: gongkai_store::StoreError| anyhow!("{}", e.message(lang));
    match args.command {
        UnitsCommand::Import { file } => {
            let f = std::fs::File::open(&file).with_context(|| match lang {
                Lang::Zh => format!("无法打开单位表 {}", file.display()),
                Lang::En => format!("cannot open the units CSV {}", file.display()),
            })?;
            let rows = gongkai_store::read_units_csv(f)
                .map_err(|e| anyhow!("{}: {}", file.display(), e.message(lang)))?;
            let sum = store.import_units(&rows).map_err(msg)?;
            match lang {
                Lang::Zh => println!(
                    "导入 {} 行：新建 {} 个单位，更新 {} 个，合并 {} 个（别名指向的已有单位）",
                    rows.len(),
                    sum.created,
                    sum.updated,
                    sum.merged
                ),
                Lang::En => println!(
                    "imported {} rows: {} units created, {} updated, {} merged (existing units named by an alias)",
                    rows.len(),
                    sum.created,
                    sum.updated,
                    sum.merged
                ),
            }
        }
        UnitsCommand::Export { output, bom } => {
            let units = store.units().map_err(msg)?;
            match output {
                Some(path) => {
                    let f = std::fs::File::create(&path).with_context(|| match lang {
                        Lang::Zh => format!("无法创建 {}", path.display()),
                        Lang::En => format!("cannot create {}", path.display()),
                    })?;
                    gongkai_store::write_units_csv(&units, std::io::BufWriter::new(f), bom)
                        .map_err(msg)?;
                }
                None => {
                    let out = std::io::stdout();
                    let mut lock = out.lock();
                    gongkai_store::write_units_csv(&units, &mut lock, bom).map_err(msg)?;
                    lock.flush()?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
