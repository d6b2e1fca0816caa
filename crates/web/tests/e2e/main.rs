//! End-to-end tests of the web application in headless Chromium (through chromedriver), and the
//! main flows again in Firefox ESR (through geckodriver; [`firefox`]).
//!
//! Run: `cargo test -p gongkai-web --test e2e`. They need Debian's `chromium` and
//! `chromium-driver` (and `fonts-noto-cjk` for readable screenshots), which .ci/run installs;
//! without them every test prints `SKIPPED: …` and passes. With `GONGKAI_SCREENSHOTS=1` the
//! flows also write the pictures of docs/web.md to docs/screenshots/.
//!
//! [`harness`] has the helpers (`goto`, `fill`, `click`, `submit`, `text`, `screenshot`,
//! `login`…); one module per area of the site holds its flows.

mod account;
mod admin;
mod corpus;
mod desk;
mod firefox;
mod harness;
mod public;
mod review;
