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
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReadError {}
