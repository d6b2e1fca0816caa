//! Reading published reports: bytes → decoded text → [`Document`] → [`Report`].

pub mod chrome;
pub mod decode;
pub mod document;
pub mod error;
pub mod meta;

pub use document::Document;
pub use error::ReadError;
