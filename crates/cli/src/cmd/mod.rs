//! One module per subcommand.

pub mod check;
pub mod examples;
pub mod new;
pub mod parse;
pub mod render;
pub mod rules;
