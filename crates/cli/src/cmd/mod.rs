//! One module per subcommand.

pub mod check;
pub mod corpus;
pub mod examples;
pub mod export;
pub mod ingest;
pub mod parse;
pub mod rules;
pub mod stats;
pub mod units;
