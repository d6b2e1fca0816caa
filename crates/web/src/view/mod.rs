//! HTML pieces shared by pages.

pub mod report;
