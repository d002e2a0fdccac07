//! runde: run workshops from the terminal — the plan, the clock, the notes
//! and the minutes in one place.
//!
//! The crate is organised by role: `model` is plain data (plan, notes,
//! timers, the events that change them), `store` is the session folder on
//! disk (crash-safe per-writer logs, merged on read), `export` renders
//! minutes, and `cli`/`commands` is the scriptable command line on top.
#![forbid(unsafe_code)]

pub mod app;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod complete;
pub mod error;
pub mod example;
pub mod export;
pub mod i18n;
pub mod manpage;
pub mod model;
pub mod runtime;
pub mod serve;
pub mod store;
pub mod synthetic;
pub mod terminal;
pub mod ui;

pub use error::{Error, Result};
