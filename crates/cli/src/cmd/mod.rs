//! One module per subcommand.

pub mod check;
pub mod corpus;
pub mod desk;
pub mod desk_io;
pub mod examples;
pub mod export;
pub mod ingest;
pub mod new;
pub mod parse;
pub mod render;
pub mod rules;
pub mod serve;
pub mod stats;
pub mod units;
pub mod users;
