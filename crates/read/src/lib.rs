//! Reading published reports: bytes → decoded text → [`Document`] → [`Report`].

pub mod document;
pub mod error;

pub use document::Document;
pub use error::ReadError;
