//! HTML pieces shared by pages.

pub mod chart;
pub mod report;
pub mod time;
