//! Specifications for programmes: the real content packs and validator, the pure unlock and
//! pacing rules, and enrolments stored in a real encrypted database.

mod content;
mod enrolment;
mod progress;
