//! Markdown, YAML and TOML need no grammar: they are cut at the lines that start a section.
//!
//! - Markdown: a "section" per ATX heading (`#` to `######`, up to three spaces in; not inside a
//!   ``` or ~~~ fence), named by the path of headings down to it, `Top > Sub`. Setext headings
//!   (underlined with `===`) are not sections.
//! - YAML: a "key" per top-level key (`key:` at column 0), with the comments right above it; a `---`
//!   or `...` line starts a new document.
//! - TOML: a "table" per `[table]` or `[[array]]` header, with the comments right above it.
//!
//! Lines before the first section (and a YAML document's lines before its first key) are a
//! "module" chunk with no symbol. A section longer than `max_lines` is cut into consecutive pieces of
//! at most `max_lines` lines, of its kind and symbol. Blank lines at either end of a section are left
//! out, and so is a piece of nothing but blanks; every other line is in exactly one chunk.

use super::{Limits, Lines, Outcome, Span};

/// The outline of `text` when `language` is one split by lines, else None.
pub fn chunk(language: &str, text: &[u8], limits: Limits) -> Option<Outcome> {
    let sections: fn(&Lines) -> Vec<Section> = match language {
        "markdown" => markdown,
        "yaml" => yaml,
        "toml" => toml,
        _ => return None,
    };
    let lines = Lines::of(text);
    Some(Outcome::Chunked(spans(&lines, &sections(&lines), limits.max_lines)))
}

/// Where a section starts; it ends where the next one starts.
struct Section {
    kind: &'static str,
    symbol: String,
    start: usize,
}

impl Section {
    fn module(start: usize) -> Self {
        Section {
            kind: "module",
            symbol: String::new(),
            start,
        }
    }
}

/// The sections as spans of at most `max_lines`, blank ends trimmed.
fn spans(lines: &Lines, sections: &[Section], max_lines: usize) -> Vec<Span> {
    let max_lines = max_lines.max(1);
    let mut out = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        let end = sections.get(i + 1).map_or(lines.len(), |next| next.start);
        let mut from = section.start;
        let mut to = end.max(from);
        while from < to && lines.is_blank(from, from + 1) {
            from += 1;
        }
        while to > from && lines.is_blank(to - 1, to) {
            to -= 1;
        }
        for start in (from..to).step_by(max_lines) {
            let piece_end = to.min(start + max_lines);
            if !lines.is_blank(start, piece_end) {
                out.push(Span {
                    kind: section.kind.into(),
                    symbol: section.symbol.clone(),
                    start,
                    end: piece_end,
                });
            }
        }
    }
    out
}

fn line(lines: &Lines, row: usize) -> String {
    String::from_utf8_lossy(lines.line(row)).into_owned()
}

fn markdown(lines: &Lines) -> Vec<Section> {
    let mut sections = vec![Section::module(0)];
    let mut open_fence: Option<Fence> = None;
    let mut headings: Vec<(usize, String)> = Vec::new(); // (level, text) down to the current one
    for row in 0..lines.len() {
        let text = line(lines, row);
        if let Some(fence) = Fence::of(&text) {
            match open_fence {
                None => open_fence = Some(fence),
                Some(open) if fence.closes(open) => open_fence = None,
                Some(_) => {}
            }
            continue;
        }
        if open_fence.is_some() {
            continue;
        }
        if let Some((level, title)) = atx_heading(&text) {
            headings.retain(|(outer, _)| *outer < level);
            headings.push((level, title));
            let path: Vec<&str> = headings.iter().map(|(_, t)| t.as_str()).collect();
            sections.push(Section {
                kind: "section",
                symbol: path.join(" > "),
                start: row,
            });
        }
    }
    sections
}

/// A code fence line: its character, its length, and whether only blanks follow (a closing fence).
#[derive(Clone, Copy)]
struct Fence {
    mark: char,
    len: usize,
    bare: bool,
}

impl Fence {
    fn of(text: &str) -> Option<Fence> {
        let rest = strip_indent(text)?;
        let mark = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let len = rest.chars().take_while(|c| *c == mark).count();
        let after = &rest[len..]; // the marks are one byte each
        if len < 3 || (mark == '`' && after.contains('`')) {
            return None; // ``code`` inline, not a fence
        }
        Some(Fence {
            mark,
            len,
            bare: after.trim().is_empty(),
        })
    }

    fn closes(self, open: Fence) -> bool {
        self.bare && self.mark == open.mark && self.len >= open.len
    }
}

/// The text after at most three spaces of indentation (four make an indented code block).
fn strip_indent(text: &str) -> Option<&str> {
    let spaces = text.len() - text.trim_start_matches(' ').len();
    (spaces <= 3).then(|| &text[spaces..])
}

/// `## Title ##`: level 2, "Title".
fn atx_heading(text: &str) -> Option<(usize, String)> {
    let rest = strip_indent(text)?;
    let level = rest.chars().take_while(|c| *c == '#').count();
    let after = &rest[level..];
    if !(1..=6).contains(&level) || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let title = after.trim();
    // a closing run of #s is not part of the title when a blank precedes it
    let without_closing = title.trim_end_matches('#');
    let title = if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        without_closing.trim_end()
    } else {
        title
    };
    Some((level, title.to_string()))
}

fn yaml(lines: &Lines) -> Vec<Section> {
    let mut sections = vec![Section::module(0)];
    let mut comments_from: Option<usize> = None;
    for row in 0..lines.len() {
        let text = line(lines, row);
        if is_document_marker(&text) {
            sections.push(Section::module(row));
            comments_from = None;
        } else if text.starts_with('#') {
            comments_from.get_or_insert(row);
        } else {
            if let Some(key) = yaml_top_level_key(&text) {
                sections.push(Section {
                    kind: "key",
                    symbol: key,
                    start: comments_from.unwrap_or(row),
                });
            }
            comments_from = None;
        }
    }
    sections
}

/// `---` (a document starts) or `...` (one ends), alone or before content.
fn is_document_marker(text: &str) -> bool {
    ["---", "..."].iter().any(|marker| {
        text.strip_prefix(marker)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

/// The key of a `key: value` line at column 0 (plain or quoted), or None.
fn yaml_top_level_key(text: &str) -> Option<String> {
    let first = text.chars().next()?;
    if first.is_whitespace() || "#-[]{}%&*!|>?@`,".contains(first) {
        return None; // indented, a comment, a list item, a flow collection or another indicator
    }
    let (key, rest) = if first == '"' || first == '\'' {
        let close = closing_quote(text, first)?;
        (&text[1..close], &text[close + 1..])
    } else {
        let colon = plain_key_end(text)?;
        (text[..colon].trim_end(), &text[colon..])
    };
    let after = rest.strip_prefix(':')?;
    (after.is_empty() || after.starts_with([' ', '\t'])).then(|| key.to_string())
}

/// The byte offset of the quote closing the one at offset 0 (a `\"` or `''` does not close).
fn closing_quote(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|(_, next)| *next == '\'') {
                chars.next();
                continue;
            }
            return Some(i);
        }
    }
    None
}

/// The offset of the first `:` followed by a blank or the line's end.
fn plain_key_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')))
}

fn toml(lines: &Lines) -> Vec<Section> {
    let mut sections = vec![Section::module(0)];
    let mut comments_from: Option<usize> = None;
    let mut in_multiline_string = false;
    for row in 0..lines.len() {
        let text = line(lines, row);
        let was_in_string = in_multiline_string;
        if text.matches("\"\"\"").count() % 2 == 1 || text.matches("'''").count() % 2 == 1 {
            in_multiline_string = !in_multiline_string;
        }
        if was_in_string {
            comments_from = None;
            continue;
        }
        let trimmed = text.trim();
        if trimmed.starts_with('#') {
            comments_from.get_or_insert(row);
            continue;
        }
        if let Some(name) = toml_table_header(trimmed) {
            sections.push(Section {
                kind: "table",
                symbol: name,
                start: comments_from.unwrap_or(row),
            });
        }
        comments_from = None;
    }
    sections
}

/// The name of a `[a.b]` or `[[a.b]]` header (a comment may follow), or None.
fn toml_table_header(text: &str) -> Option<String> {
    let (open, close) = if text.starts_with("[[") { ("[[", "]]") } else { ("[", "]") };
    let inner = text.strip_prefix(open)?;
    let end = inner.find(close)?;
    let after = inner[end + close.len()..].trim_start();
    if !(after.is_empty() || after.starts_with('#')) {
        return None;
    }
    let name = inner[..end].split('.').map(str::trim).collect::<Vec<_>>().join(".");
    name.split('.').all(is_toml_key).then_some(name)
}

/// A bare key (`a-b_1`) or a quoted one; `[1, 2]` in an array is neither.
fn is_toml_key(part: &str) -> bool {
    let quoted = part.len() >= 2 && (part.starts_with('"') && part.ends_with('"') || part.starts_with('\'') && part.ends_with('\''));
    quoted || (!part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}
