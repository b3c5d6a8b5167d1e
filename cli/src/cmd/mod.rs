//! One module per capability's commands; `main.rs` only registers them.

pub mod assess;
pub mod backup;
pub mod checkin;
pub mod dev;
pub mod export;
pub mod journal;
pub mod programme;
pub mod remind;
pub mod safety_plan;
