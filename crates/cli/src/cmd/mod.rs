//! One module per subcommand.

pub mod check;
pub mod examples;
pub mod parse;
pub mod rules;
