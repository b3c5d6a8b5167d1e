//! The platform's fonts for the therapist PDF, found with fontconfig (`fc-match`): one face
//! per script the embedded Latin font lacks, so Greek, Cyrillic, Arabic, Hebrew, Devanagari,
//! Chinese, Japanese, Korean and emoji text is drawn rather than left blank
//! (shared/reference/platform.md, "Fonts for documents made on the device"; Debian
//! `fonts-noto-core`, `fonts-noto-cjk`, `fonts-symbola`, installed by scripts/setup.sh).
//!
//! Without fontconfig the list is empty and the report draws boxes for those characters and
//! says so. Never reads or prints any user text.

use std::process::Command;

use reset_core::export::report::ReportFont;

/// fontconfig patterns, one per script, in the order the core tries them.
const PATTERNS: [&str; 11] = [
    "sans-serif:lang=el",
    "sans-serif:lang=ru",
    "sans-serif:lang=ar",
    "sans-serif:lang=he",
    "sans-serif:lang=hi",
    "Symbola",
    "sans-serif:lang=ja",
    "sans-serif:lang=zh-cn",
    "sans-serif:lang=ko",
    "sans-serif:lang=th",
    "sans-serif",
];

/// The font files fontconfig offers for `PATTERNS`, without repeats.
pub fn platform_fonts() -> Vec<ReportFont> {
    let mut out: Vec<ReportFont> = Vec::new();
    for pattern in PATTERNS {
        let Ok(o) = Command::new("fc-match")
            .args(["-f", "%{file}\t%{index}", pattern])
            .output()
        else {
            return out;
        };
        let text = String::from_utf8_lossy(&o.stdout);
        let Some((path, index)) = text.trim().split_once('\t') else {
            continue;
        };
        let font = ReportFont {
            path: path.to_string(),
            index: index.parse().unwrap_or(0),
        };
        if o.status.success() && !path.is_empty() && !out.contains(&font) {
            out.push(font);
        }
    }
    out
}
