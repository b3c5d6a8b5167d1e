//! Full-text search over journal entries and check-in notes, ranked by BM25 with a
//! highlighted snippet (`[` and `]` around each match).
//!
//! When more than [`RANK_WINDOW`] entries match, the newest [`RANK_WINDOW`] of them are
//! ranked: such a word is in so many entries that BM25 gives it almost no weight, and
//! ranking them all would blow the 10 ms budget on a phone for no better order.
//!
//! The person's query is parsed here into a safe FTS5 expression — raw FTS syntax never
//! reaches SQLite. Grammar: words are ANDed; `OR` between two words makes them
//! alternatives; `"a phrase"` matches words in order; a trailing `*` matches a prefix; a
//! leading `-` excludes a word. Anything malformed is `invalid_input` on `query`.

use rusqlite::{Connection, ErrorCode};

use crate::error::{Error, Result};

/// The longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 1000;
/// The most words (terms) in one query.
pub const MAX_TERMS: usize = 32;
/// Hits returned when no limit is given.
pub const DEFAULT_LIMIT: u32 = 20;
/// The most hits one search returns.
pub const MAX_LIMIT: u32 = 200;
/// When more entries than this match, only the newest this many are ranked (see [`search`]).
pub const RANK_WINDOW: u32 = 1000;

/// One search result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SearchHit {
    /// The entry's id (`je_…`) or the check-in's (`ci_…`).
    pub id: String,
    /// The journal kind (`free`, `thought`, …) or `checkin`.
    pub kind: String,
    /// The local day of the entry.
    pub local_date: crate::time::LocalDay,
    /// An excerpt with each match in `[` `]`, `...` where text was cut.
    pub snippet: String,
}

/// One parsed term: a quoted FTS5 string, optionally a prefix.
#[derive(Debug, Clone, PartialEq)]
struct Term {
    text: String,
    prefix: bool,
}

impl Term {
    fn fts(&self) -> String {
        let quoted = format!("\"{}\"", self.text.replace('"', "\"\""));
        if self.prefix {
            format!("{quoted}*")
        } else {
            quoted
        }
    }
}

fn invalid(reason: &str) -> Error {
    Error::invalid("query", reason.to_string())
}

/// Splits the query into raw tokens, keeping quoted phrases whole (quotes included).
fn tokens(query: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    // Control characters (NUL above all) end an FTS5 string early and make it a syntax
    // error; unicode61 treats them as separators anyway, so they separate words here too.
    let mut chars = query
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut token = String::new();
        let mut in_quotes = false;
        while let Some(&c) = chars.peek() {
            if c == '"' {
                in_quotes = !in_quotes;
            } else if c.is_whitespace() && !in_quotes {
                break;
            }
            token.push(c);
            chars.next();
        }
        if in_quotes {
            return Err(invalid("has an opening quote without a closing one"));
        }
        out.push(token);
    }
    Ok(out)
}

/// Turns one raw token into a term, or `None` if it holds nothing searchable.
fn term(raw: &str) -> Result<Option<Term>> {
    let (body, prefix) = match raw.strip_suffix('*') {
        Some(b) => (b, true),
        None => (raw, false),
    };
    let text = body.trim_matches('"').to_string();
    if text.contains('"') {
        return Err(invalid("has a quote inside a word"));
    }
    // unicode61 splits on everything but letters and digits; a token without any would be
    // an empty FTS string, so drop it rather than let it match nothing or everything.
    if !text.chars().any(char::is_alphanumeric) {
        return Ok(None);
    }
    Ok(Some(Term { text, prefix }))
}

/// Parses a person's query into an FTS5 expression (see the module doc for the grammar).
pub fn to_fts_expression(query: &str) -> Result<String> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(invalid("is longer than 1000 bytes"));
    }
    let mut groups: Vec<Vec<Term>> = Vec::new(); // AND of ORs
    let mut excluded: Vec<Term> = Vec::new();
    let mut or_pending = false;
    let mut count = 0;
    for raw in tokens(query)? {
        if raw == "OR" {
            if groups.is_empty() || or_pending {
                return Err(invalid("uses OR without a word on each side"));
            }
            or_pending = true;
            continue;
        }
        let (negated, raw) = match raw.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, raw.as_str()),
        };
        let Some(t) = term(raw)? else { continue };
        count += 1;
        if count > MAX_TERMS {
            return Err(invalid("has more than 32 words"));
        }
        if negated {
            if or_pending {
                return Err(invalid("cannot combine OR with an excluded word"));
            }
            excluded.push(t);
        } else if or_pending {
            if let Some(last) = groups.last_mut() {
                last.push(t);
            }
            or_pending = false;
        } else {
            groups.push(vec![t]);
        }
    }
    if or_pending {
        return Err(invalid("ends with OR"));
    }
    if groups.is_empty() {
        return Err(invalid("needs at least one word to look for"));
    }
    let positive = groups
        .iter()
        .map(|g| {
            format!(
                "({})",
                g.iter().map(Term::fts).collect::<Vec<_>>().join(" OR ")
            )
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    let negative: String = excluded
        .iter()
        .map(|t| format!(" NOT {}", t.fts()))
        .collect();
    Ok(format!("{positive}{negative}"))
}

/// A candidate hit before its snippet is made.
struct Ranked {
    score: f64,
    at_ms: i64,
    seq: i64,
    table: &'static str,
    hit: SearchHit,
}

/// Searches journal entries and check-in notes, best match first (BM25 over text, with
/// labels and tags at half weight; ties go to the newer entry).
pub fn search(conn: &Connection, query: &str, limit: Option<u32>) -> Result<Vec<SearchHit>> {
    let expr = to_fts_expression(query)?;
    let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    // Phase 1: rank without snippets (cheap), each table capped at `limit`.
    let mut ranked = Vec::new();
    for (table, join) in [
        (
            "journal_fts",
            "SELECT e.seq, e.id, e.kind, e.local_date, e.at_ms FROM journal_entries e WHERE e.seq = ?1",
        ),
        (
            "check_in_fts",
            "SELECT c.seq, c.id, 'checkin', c.local_date, c.at_ms FROM check_ins c WHERE c.seq = ?1",
        ),
    ] {
        // One pass over the newest RANK_WINDOW matches (rowid order is cheap to walk), with
        // BM25 for each; the best `limit` are kept. A word in thousands of entries carries
        // almost no weight in BM25 (its IDF is near zero), so older matches of it would not
        // rank higher anyway, and evaluating the expression once keeps prefix queries fast.
        let sql = format!(
            "SELECT rowid, bm25({table}, 1.0, 0.5, 0.5) FROM {table} WHERE {table} MATCH ?1
             ORDER BY rowid DESC LIMIT {RANK_WINDOW}"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows: Vec<(i64, f64)> = stmt
            .query_map([&expr], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(query_error)?
            .collect::<rusqlite::Result<_>>()
            .map_err(query_error)?;
        rows.sort_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        rows.truncate(usize::try_from(limit).unwrap_or(20));
        let mut meta = conn.prepare_cached(join)?;
        for (seq, score) in rows {
            let hit = meta.query_row([seq], |r| {
                Ok(Ranked {
                    score,
                    at_ms: r.get(4)?,
                    seq: r.get(0)?,
                    table,
                    hit: SearchHit {
                        id: r.get(1)?,
                        kind: r.get(2)?,
                        local_date: r.get(3)?,
                        snippet: String::new(),
                    },
                })
            })?;
            ranked.push(hit);
        }
    }
    ranked.sort_by(|a, b| a.score.total_cmp(&b.score).then(b.at_ms.cmp(&a.at_ms)));
    ranked.truncate(usize::try_from(limit).unwrap_or(20));
    // Phase 2: snippets for the hits actually returned, one query per table (re-running the
    // MATCH once per hit would repeat its setup, which is the costly part of a prefix query).
    for table in ["journal_fts", "check_in_fts"] {
        let seqs: Vec<i64> = ranked
            .iter()
            .filter(|r| r.table == table)
            .map(|r| r.seq)
            .collect();
        let (Some(lo), Some(hi)) = (seqs.iter().min(), seqs.iter().max()) else {
            continue;
        };
        let list = seqs
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        // `+rowid` keeps the list away from FTS5's planner: offered `rowid IN (…)`, SQLite
        // runs the whole MATCH once per listed rowid (20 setups, ~0.9 ms on ten years);
        // filtered after one scan of the rowid range it costs ~0.15 ms (issue 10).
        let sql = format!(
            "SELECT rowid, snippet({table}, -1, '[', ']', '...', 12) FROM {table}
             WHERE {table} MATCH ?1 AND rowid BETWEEN ?2 AND ?3 AND +rowid IN ({list})"
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt
            .query(rusqlite::params![expr, lo, hi])
            .map_err(query_error)?;
        while let Some(row) = rows.next().map_err(query_error)? {
            let seq: i64 = row.get(0)?;
            // Fields are joined with line breaks for the tokenizer; a snippet reads as one line.
            let snippet: String = row.get::<_, String>(1)?.replace(['\n', '\r'], " ");
            if let Some(r) = ranked.iter_mut().find(|r| r.table == table && r.seq == seq) {
                r.hit.snippet = snippet;
            }
        }
    }
    Ok(ranked.into_iter().map(|r| r.hit).collect())
}

/// FTS5 reports an expression it cannot use as a generic SQLITE_ERROR; that is the query's
/// fault (our parser should prevent it, this is the backstop). Anything else is storage.
fn query_error(e: rusqlite::Error) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == ErrorCode::Unknown => {
            invalid("could not be understood as a search")
        }
        _ => Error::from(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(q: &str) -> String {
        to_fts_expression(q).unwrap()
    }

    fn bad(q: &str) {
        let err = to_fts_expression(q).unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput { ref field, .. } if field == "query"),
            "{q:?} → {err:?}"
        );
    }

    #[test]
    fn words_are_anded_quoted_and_prefixes_keep_their_star() {
        assert_eq!(expr("exam worry"), r#"("exam") AND ("worry")"#);
        assert_eq!(expr("anx*"), r#"("anx"*)"#);
        assert_eq!(expr(r#""went well" walk"#), r#"("went well") AND ("walk")"#);
        assert_eq!(
            expr("cats OR dogs -birds"),
            r#"("cats" OR "dogs") NOT "birds""#
        );
    }

    #[test]
    fn fts_syntax_typed_by_a_person_is_treated_as_words() {
        assert_eq!(
            expr("NEAR(a b) AND text:x ^y"),
            r#"("NEAR(a") AND ("b)") AND ("AND") AND ("text:x") AND ("^y")"#
        );
        assert_eq!(expr("!!! ok"), r#"("ok")"#);
    }

    #[test]
    fn malformed_queries_are_invalid_input_on_query() {
        for q in [
            "",
            "   ",
            "\"open",
            "OR cats",
            "cats OR",
            "a OR OR b",
            "-only",
            "!!!",
            "a\"b",
            "cats OR -dogs",
        ] {
            bad(q);
        }
        bad(&"word ".repeat(33));
        bad(&"x".repeat(1001));
    }
}
