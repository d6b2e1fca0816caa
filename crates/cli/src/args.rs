//! The command line, declared once.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use gongkai_model::Lang;

/// 政府信息公开工作年度报告：读取、检查、输出。
/// Read and check government information disclosure annual reports.
#[derive(Debug, Parser)]
#[command(name = "gongkai", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查报告并像编译器一样列出问题 / check reports and print findings like a compiler
    Check(CheckArgs),
    /// 读取报告并输出结构化数据（JSON 或 CSV）/ read a report and print its data
    Parse(ParseArgs),
    /// 列出检查规则，或显示某条规则的说明 / list the rules, or explain one
    Rules(RulesArgs),
    /// 生成示例报告（部分带有错误）/ write generated example reports (some with defects)
    Examples(ExamplesArgs),
    /// 读取、检查并存入数据库（SQLite 或 PostgreSQL）/ read, check and store reports in a database
    Ingest(crate::cmd::ingest::IngestArgs),
    /// 单位（发布机关）的导入与导出 / import or export units (publishing agencies)
    Units(crate::cmd::units::UnitsArgs),
    /// 库中报告的汇总统计 / totals and rates over the stored reports
    Stats(crate::cmd::stats::StatsArgs),
    /// 导出库中的数据（CSV、JSON、XLSX）/ export the stored data
    Export(crate::cmd::export::ExportArgs),
    /// 对库中全部报告做跨报告检查 / checks across the stored reports
    Corpus(crate::cmd::corpus::CorpusArgs),
    /// 生成可编辑的填报文件（TOML）/ write an editable report file (TOML) to fill in
    New(NewArgs),
    /// 按官方格式输出报告（HTML、Markdown、文本）/ render a report in the official layout
    Render(RenderArgs),
    /// 依申请公开受理台：登记、记录、期限、统计 / the request desk: cases, deadlines, Table 3
    Desk(Box<crate::cmd::desk::DeskArgs>),
    /// 启动网页服务：报告审核、资料库、依申请办理、公众查询 / run the web application
    Serve(crate::cmd::serve::ServeArgs),
    /// 网页服务的账号管理 / accounts of the web application
    Users(crate::cmd::users::UsersArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 报告文件或目录（`-` 表示标准输入）/ report files or directories (`-` for stdin)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 输出语言 / language of the findings
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// 颜色 / colour
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
    /// 只输出汇总行 / print only the summary line
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ParseFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// 报告文件（`-` 表示标准输入）/ report file (`-` for stdin)
    pub file: PathBuf,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value = "json")]
    pub format: ParseFormat,
    /// 问题说明的语言 / language of the findings' messages
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
    /// CSV 开头写入 UTF-8 BOM（便于 Excel 打开）/ start the CSV with a UTF-8 BOM (for Excel)
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// 规则编号，如 T3-BALANCE / a rule id, e.g. T3-BALANCE
    pub id: Option<String>,
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
}

#[derive(Debug, Args)]
pub struct ExamplesArgs {
    /// 写入的目录 / directory to write into
    #[arg(default_value = "examples")]
    pub dir: PathBuf,
}

/// The formats a report can be filled in for.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FormatArg {
    /// 国办公开办函〔2021〕30号 (2021年度起)
    #[value(name = "2021")]
    F2021,
    /// 国办公开办函〔2019〕60号 (2019、2020年度)
    #[value(name = "2019")]
    F2019,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// 报告年度（统计年度），如 2025 / the report (statistical) year
    #[arg(long)]
    pub year: i32,
    /// 发布机关名称 / the agency's name
    #[arg(long)]
    pub agency: String,
    /// 格式版本；默认按年度选择 / the format; by default the one the year uses
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// 写入的文件；默认输出到标准输出 / file to write (default: standard output)
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// 各格预填 0（默认留空 ""，空白不等于 0）/ pre-fill every cell with 0 instead of ""
    #[arg(long)]
    pub zeros: bool,
    /// 覆盖已存在的文件 / overwrite an existing file
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RenderTo {
    Html,
    #[value(alias = "markdown")]
    Md,
    #[value(alias = "text")]
    Txt,
    /// Word (DOCX)
    Docx,
    /// Excel (XLSX): one sheet per table
    Xlsx,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// 填报文件（TOML）、gongkai parse 的 JSON，或文本报告（`-` 表示标准输入）
    /// / a draft (TOML), the JSON of gongkai parse, or a text report (`-` for stdin)
    #[arg(required_unless_present = "stored", conflicts_with = "stored")]
    pub file: Option<PathBuf>,
    /// 改为输出库中编号为 ID 的报告（见 gongkai export --what reports）/ render the stored
    /// report with this id instead of a file
    #[arg(long, value_name = "ID")]
    pub stored: Option<i64>,
    #[command(flatten)]
    pub db: crate::cmd::ingest::DbArg,
    /// 输出格式；默认按 -o 的扩展名 / output format (default: from the -o extension)
    #[arg(long, value_enum)]
    pub to: Option<RenderTo>,
    /// 写入的文件；默认输出到标准输出 / file to write (default: standard output)
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// 报告有错误也输出，并在文末列出检查结果 / render despite errors, listing the findings at the end
    #[arg(long)]
    pub force: bool,
    /// 提示信息和检查结果的语言 / language of messages and findings
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
    /// 颜色（检查结果）/ colour of the findings on standard error
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorArg,
}
