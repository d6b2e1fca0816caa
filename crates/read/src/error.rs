//! Errors that stop a file from being read at all. Everything short of that is a finding.

use gongkai_model::Lang;
use std::fmt;

/// Why a file could not be read. Messages say what, where and what to do, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The bytes are not text in any encoding we accept.
    Undecodable {
        /// Byte offset of the first byte that could not be decoded.
        offset: usize,
    },
    /// The input is a kind of file this reader does not handle (e.g. PDF, DOCX, an image).
    Unsupported { kind: &'static str },
    /// The input is empty or holds only white space.
    Empty,
    /// The input exceeds the size limit.
    TooLarge { size: usize, limit: usize },
    /// A PDF without a text layer: a scan, which needs OCR first.
    PdfWithoutText,
    /// A program this kind of file needs is not installed.
    ToolMissing {
        tool: &'static str,
        package: &'static str,
    },
    /// The file is of a known kind but damaged, encrypted or otherwise unreadable.
    Corrupt { kind: &'static str, detail: String },
}

impl ReadError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReadError::Undecodable { offset }, Lang::Zh) => format!(
                "无法解码为文本：第 {offset} 字节起既不是 UTF-8、UTF-16，也不是 GB18030/GBK 编码。\
                 请确认文件是文本格式的年度报告，或用文本编辑器另存为 UTF-8 后重试。"
            ),
            (ReadError::Undecodable { offset }, Lang::En) => format!(
                "cannot decode the file as text: from byte {offset} it is neither UTF-8, UTF-16 \
                 nor GB18030/GBK. Check that it is a text report, or save it as UTF-8 and retry."
            ),
            (ReadError::Unsupported { kind }, Lang::Zh) => format!(
                "这是 {kind} 文件，目前只能读取文本（.txt）格式的报告。请先转换为文本再读取。"
            ),
            (ReadError::Unsupported { kind }, Lang::En) => format!(
                "this is a {kind} file; only text reports can be read so far. Convert it to text first."
            ),
            (ReadError::Empty, Lang::Zh) => "文件为空，没有可读取的内容。".to_string(),
            (ReadError::Empty, Lang::En) => "the file is empty: there is nothing to read".to_string(),
            (ReadError::TooLarge { size, limit }, Lang::Zh) => format!(
                "文件过大（{size} 字节，上限 {limit} 字节），一份年度报告不会这么大，请检查输入。"
            ),
            (ReadError::TooLarge { size, limit }, Lang::En) => format!(
                "the file is too large ({size} bytes, limit {limit}); no annual report is this big"
            ),
            (ReadError::PdfWithoutText, Lang::Zh) => {
                "这个 PDF 没有文字层，是扫描件（图片），无法直接读取。请先做文字识别（OCR），或向发布机关索取可复制文字的版本。"
                    .to_string()
            }
            (ReadError::PdfWithoutText, Lang::En) => {
                "this PDF has no text layer: it is a scan (images). Run OCR on it first, or ask the agency for a version with text.".to_string()
            }
            (ReadError::ToolMissing { tool, package }, Lang::Zh) => format!(
                "读取这类文件需要 {tool}，本机没有安装。请安装 {package}（例如 `apt-get install {package}`）后重试。"
            ),
            (ReadError::ToolMissing { tool, package }, Lang::En) => format!(
                "reading this kind of file needs {tool}, which is not installed: install {package} (e.g. `apt-get install {package}`) and retry"
            ),
            (ReadError::Corrupt { kind, detail }, Lang::Zh) => {
                format!("{kind} 文件已损坏、加密或无法解析：{detail}")
            }
            (ReadError::Corrupt { kind, detail }, Lang::En) => {
                format!("the {kind} file is damaged, encrypted or cannot be parsed: {detail}")
            }
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReadError {}
