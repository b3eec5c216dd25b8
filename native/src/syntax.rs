//! Chunks source text by declaration with tree-sitter: every function, method, class, struct, ...
//! becomes one chunk named by its declared symbol (qualified by its enclosing types, `Outer.Inner.m`)
//! and kind. The comments, annotations and decorators right above a declaration belong to it.
//!
//! A container (class, trait, impl, module, ...) of at most `max_lines` lines is one chunk, members
//! included; a larger one is cut into its members (recursively), and its remaining lines (header,
//! fields between members) become chunks of the container's kind and symbol. A declaration still too
//! large is cut where its statements end (pieces never repeat a line); small adjacent declarations
//! are merged (`merge_small`). A run of package and import statements is an "imports" chunk; other
//! lines outside any declaration (module docs and statements) become "module" chunks. So no chunk
//! is longer than `max_lines`, and every line with content is in one chunk; a stretch of nothing
//! but blanks and brackets (a lone "}") is not made a chunk of its own.
//! Function bodies are skimmed past before the parse (`skim`).
//!
//! Which nodes are declarations is each language's [`LanguageRules`] (one file per language below);
//! this file is the algorithm they share. No Lance, no Arrow: `chunk` (the ABI) wraps it.

mod c_family;
mod csharp;
mod ecmascript;
mod go;
mod java;
mod json;
mod kotlin;
#[cfg(test)]
mod lang_tests;
mod languages;
mod outline;
mod php;
mod python;
mod ruby;
mod rust_lang;
mod scala;
mod shell;
mod skim;
mod swift;
mod tree;

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use tree_sitter::{Language, Node, ParseOptions, Parser, Point, Range, Tree};

pub use languages::rules_for;
pub use skim::{Skim, Skimmer};
pub use tree::{Decl, Scope, SyntaxTree};

/// One language's view of its syntax tree: its grammar, and which nodes are declarations.
pub trait LanguageRules: Sync {
    /// The grammar for a file at `path` (TypeScript and TSX differ by extension).
    fn grammar(&self, path: &str) -> Language;

    /// The declaration `node` stands for in `scope`, or None when it is none.
    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>>;

    /// How function bodies can be found before the parse, so it skips them (see `skim`).
    fn skimmer(&self) -> Skimmer {
        Skimmer::Nothing
    }
}

/// How chunks are sized, and how long one file may take to parse.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_lines: usize,
    pub overlap_lines: usize,
    pub timeout: Duration,
}

/// One chunk: rows `start..end` (0-based, `end` exclusive) of the file. `kind` lists the kinds of
/// merged declarations ("class, function"), once each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub kind: Cow<'static, str>,
    pub symbol: String,
    pub start: usize,
    pub end: usize,
}

/// What came of one file. Every outcome but `Chunked` means "use line windows", for the reason named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Chunked(Vec<Span>),
    /// No grammar for this language.
    Unsupported,
    /// The parse took longer than the limit.
    TimedOut,
    /// Most of the file is syntax errors: the tree says little about its declarations.
    Unparsable,
    /// Lines so long the file is minified or generated data, not code people read.
    Minified,
}

/// A file whose average line is longer than this many bytes is minified (or data), and so is one
/// with any line longer than `MAX_LINE_BYTES`.
const MINIFIED_AVERAGE_LINE_BYTES: usize = 300;
const MAX_LINE_BYTES: usize = 10_000;

/// Lines that only close a block (Ruby, Lua, shell), trivial like a lone "}".
const CLOSING_WORDS: &[&str] = &["end", "fi", "done", "esac"];

/// Siblings that belong to the declaration right below them.
const LEADING: &[&str] = &[
    "comment",
    "line_comment",
    "block_comment",
    "attribute_item",
    "decorator",
    "attribute",
    "multiline_comment", // Swift's /* */ and /** */
];

/// Package and import statements (`package`, `import`, `use`, `#include`, `using`, ...): a run of them
/// is one "imports" chunk, apart from the module's docs and from the declarations. One that holds
/// declarations (Scala's `package p { ... }`) is not one.
const IMPORTS: &[&str] = &[
    "package_declaration",     // Java
    "import_declaration",      // Java, Go, Scala, Swift
    "package_clause",          // Go, Scala
    "import_statement",        // Python, JavaScript, TypeScript
    "import_from_statement",   // Python
    "future_import_statement", // Python
    "package_header",          // Kotlin
    "import",                  // Kotlin
    "use_declaration",         // Rust
    "extern_crate_declaration",
    "preproc_include",           // C, C++
    "using_declaration",         // C++ (`using namespace std;`)
    "using_directive",           // C#
    "namespace_use_declaration", // PHP
];

/// Chunks `text` (UTF-8, possibly invalid in places) of `language` at `path`.
pub fn chunk(language: &str, path: &str, text: &[u8], limits: Limits) -> Outcome {
    if let Some(outcome) = outline::chunk(language, text, limits) {
        return outcome;
    }
    let Some(rules) = rules_for(language) else {
        return Outcome::Unsupported;
    };
    let lines = Lines::of(text);
    if lines.is_empty() {
        return Outcome::Chunked(Vec::new());
    }
    if lines.looks_minified() {
        return Outcome::Minified;
    }
    PARSER.with_borrow_mut(|parser| parse_and_chunk(parser, rules, path, text, &lines, limits))
}

thread_local! {
    // One parser per thread, kept between files: a parser keeps its stack and its pool of subtrees,
    // which a new parser per file would allocate and free again every time.
    static PARSER: RefCell<Parser> = RefCell::new(Parser::new());
}

fn parse_and_chunk(
    parser: &mut Parser,
    rules: &'static dyn LanguageRules,
    path: &str,
    text: &[u8],
    lines: &Lines,
    limits: Limits,
) -> Outcome {
    if parser.set_language(&rules.grammar(path)).is_err() {
        return Outcome::Unsupported;
    }
    let deadline = Instant::now() + limits.timeout;
    let mut skim = rules.skimmer().skim(text);
    let mut parsed = match parse(parser, text, lines, &skim.excluded, deadline) {
        Some(parsed) => parsed,
        None => return Outcome::TimedOut,
    };
    if !skim.excluded.is_empty() && parsed.root_node().has_error() {
        // the skim guessed wrong somewhere (or the file has errors anyway): read it all
        skim = Skim::default();
        parsed = match parse(parser, text, lines, &[], deadline) {
            Some(parsed) => parsed,
            None => return Outcome::TimedOut,
        };
    }
    let root = parsed.root_node();
    if root.has_error() && mostly_errors(root) {
        return Outcome::Unparsable;
    }
    let tree = SyntaxTree::new(rules, text, lines.len()).with_body_ends(&skim.body_ends);
    let file = File {
        tree: &tree,
        lines,
        limits,
        cuts: &skim.cuts,
    };
    let mut out = Vec::new();
    let members = with_imports(file.collect(root, &Scope::top()), &skim.imports, root);
    file.emit_range("module", "", 0, lines.len(), &members, Some(root), &mut out);
    Outcome::Chunked(merge_small(out, lines, limits))
}

/// `members` (top-level declarations, in order) with an "imports" declaration for each run of
/// import statements the skim left out of the parse, in row order.
fn with_imports<'t>(members: Vec<Decl<'t>>, imports: &[(usize, usize)], root: Node<'t>) -> Vec<Decl<'t>> {
    if imports.is_empty() {
        return members;
    }
    let mut out = Vec::with_capacity(members.len() + imports.len());
    let mut runs = imports.iter().peekable();
    for member in members {
        while let Some(&&(start, end)) = runs.peek().filter(|run| run.0 <= member.start) {
            out.push(imports_decl(start, end, root));
            runs.next();
        }
        out.push(member);
    }
    out.extend(runs.map(|&(start, end)| imports_decl(start, end, root)));
    out
}

fn imports_decl(start: usize, end: usize, node: Node<'_>) -> Decl<'_> {
    Decl {
        start,
        end,
        kind: "imports",
        symbol: String::new(),
        body: None,
        members: None,
        node,
    }
}

/// Parses `text` without the `excluded` byte ranges; None when past the deadline.
fn parse(parser: &mut Parser, text: &[u8], lines: &Lines, excluded: &[(usize, usize)], deadline: Instant) -> Option<Tree> {
    let mut included = Vec::with_capacity(excluded.len() + 1);
    let mut from = 0;
    for &(start, end) in excluded.iter().chain(std::iter::once(&(text.len(), text.len()))) {
        if start > from {
            included.push(Range {
                start_byte: from,
                end_byte: start,
                start_point: lines.point(from),
                end_point: lines.point(start),
            });
        }
        from = end;
    }
    // no ranges (an empty text) means "all of it" to tree-sitter, as does one range over everything
    if parser
        .set_included_ranges(if excluded.is_empty() { &[] } else { &included })
        .is_err()
    {
        parser.set_included_ranges(&[]).ok()?;
    }
    let mut past_deadline = |_: &tree_sitter::ParseState| {
        if Instant::now() > deadline {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let mut read = |offset: usize, _| if offset < text.len() { &text[offset..] } else { &[][..] };
    let options = ParseOptions::new().progress_callback(&mut past_deadline);
    let parsed = parser.parse_with_options(&mut read, None, Some(options));
    if parsed.is_none() {
        parser.reset(); // an abandoned parse would otherwise resume with the next file
    }
    parsed
}

/// Whether more than half the top-level lines sit in ERROR nodes.
fn mostly_errors(root: Node) -> bool {
    let mut cursor = root.walk();
    let error_rows: usize = root
        .children(&mut cursor)
        .filter(|n| n.is_error())
        .map(|n| n.end_position().row - n.start_position().row + 1)
        .sum();
    let rows = root.end_position().row + 1;
    error_rows * 2 > rows
}

/// The lines of a text, split at "\n" (a "\r" before it is not part of the line); a final newline
/// ends the last line, it does not start another. The same split as the Java side's.
pub struct Lines<'a> {
    text: &'a [u8],
    /// (start, end) byte offsets of each line, end exclusive and without "\r\n".
    bounds: Vec<(usize, usize)>,
}

impl<'a> Lines<'a> {
    pub fn of(text: &'a [u8]) -> Self {
        let mut bounds = Vec::new();
        let mut start = 0;
        for (i, byte) in text.iter().enumerate() {
            if *byte == b'\n' {
                let end = if i > start && text[i - 1] == b'\r' { i - 1 } else { i };
                bounds.push((start, end));
                start = i + 1;
            }
        }
        if start < text.len() {
            bounds.push((start, text.len()));
        }
        Lines { text, bounds }
    }

    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    /// The row and column of byte `offset` (a newline is on the line it ends).
    fn point(&self, offset: usize) -> Point {
        let row = self.bounds.partition_point(|&(start, _)| start <= offset).saturating_sub(1);
        let start = self.bounds.get(row).map_or(0, |b| b.0);
        Point {
            row,
            column: offset.saturating_sub(start),
        }
    }

    fn line(&self, row: usize) -> &'a [u8] {
        let (start, end) = self.bounds[row];
        &self.text[start..end]
    }

    fn looks_minified(&self) -> bool {
        let longest = self.bounds.iter().map(|(s, e)| e - s).max().unwrap_or(0);
        longest > MAX_LINE_BYTES || self.text.len() / self.len() > MINIFIED_AVERAGE_LINE_BYTES
    }

    /// Nothing but blanks and brackets (or a block's closing word): not worth a chunk of its own.
    fn is_trivial(&self, row: usize) -> bool {
        let line = String::from_utf8_lossy(self.line(row));
        let rest = line.trim_matches(|c: char| is_java_whitespace(c) || "{}()[];,".contains(c));
        rest.is_empty() || CLOSING_WORDS.contains(&rest)
    }

    fn is_blank(&self, from: usize, to: usize) -> bool {
        (from..to).all(|row| String::from_utf8_lossy(self.line(row)).chars().all(is_java_whitespace))
    }
}

/// Java's `Character.isWhitespace` (what the Java side's `isBlank` uses): no no-break spaces.
fn is_java_whitespace(c: char) -> bool {
    matches!(c, '\u{1c}'..='\u{1f}') || (c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

/// The state of one call.
struct File<'f, 't, 's> {
    tree: &'f SyntaxTree<'t, 's>,
    lines: &'f Lines<'s>,
    limits: Limits,
    /// Rows after which a statement ends inside skipped bodies (the skim's).
    cuts: &'f [(usize, u8)],
}

impl<'t> File<'_, 't, '_> {
    /// Chunks rows `from..to` of `parent` given the member declarations in them, in order.
    #[allow(clippy::too_many_arguments)]
    fn emit_range(
        &self,
        kind: &'static str,
        symbol: &str,
        from: usize,
        to: usize,
        members: &[Decl<'t>],
        parent: Option<Node<'t>>,
        out: &mut Vec<Span>,
    ) {
        let mut cursor = from;
        for member in members {
            let start = member.start.max(cursor);
            let end = member.end.min(to - 1);
            if end < start {
                continue; // inside the previous member (several declarations on one line)
            }
            if start > cursor {
                self.gap(kind, symbol, cursor, start, parent, out);
            }
            self.emit_decl(&member.with_range(start, end), out);
            cursor = end + 1;
        }
        if cursor < to {
            self.gap(kind, symbol, cursor, to, parent, out);
        }
    }

    fn emit_decl(&self, decl: &Decl<'t>, out: &mut Vec<Span>) {
        let from = decl.start;
        let to = decl.end + 1;
        if to - from <= self.limits.max_lines {
            out.push(Span {
                kind: decl.kind.into(),
                symbol: decl.symbol.clone(),
                start: from,
                end: to,
            });
            return;
        }
        if let (Some(body), Some(scope)) = (decl.body, decl.members.as_ref()) {
            let members = self.collect(body, scope);
            if !members.is_empty() {
                self.emit_range(decl.kind, &decl.symbol, from, to, &members, Some(body), out);
                return;
            }
        }
        self.split(decl.kind, &decl.symbol, from, to, Some(decl.node), out);
    }

    /// Rows `from..to` outside any member: split, unless there is nothing in them but brackets.
    fn gap(&self, kind: &'static str, symbol: &str, from: usize, to: usize, parent: Option<Node<'t>>, out: &mut Vec<Span>) {
        if (from..to).any(|row| !self.lines.is_trivial(row)) {
            self.split(kind, symbol, from, to, parent, out);
        }
    }

    /// Rows `from..to` in pieces of at most `max_lines`, each ending where a statement ends when one
    /// does far enough in (the body's own statements first, nested ones next), else after
    /// `max_lines`; no piece repeats a line of another. Blank pieces are dropped.
    fn split(&self, kind: &'static str, symbol: &str, from: usize, to: usize, node: Option<Node<'t>>, out: &mut Vec<Span>) {
        let max = self.limits.max_lines;
        let mut cuts: Vec<(usize, u8)> = Vec::new();
        if to - from > max {
            let first = self.cuts.partition_point(|c| c.0 < from);
            cuts.extend(self.cuts[first..].iter().take_while(|c| c.0 < to));
            if let Some(node) = node {
                self.tree.statement_ends(node, &mut cuts);
            }
            cuts.sort_unstable();
        }
        let mut start = from;
        while start < to {
            let end = if to - start <= max {
                to
            } else {
                // a cut after row r ends the piece at r + 1; not in the first half, if possible
                let fits = |c: &&(usize, u8)| c.0 >= start && c.0 < start + max;
                let best = |nesting: u8| {
                    cuts.iter()
                        .filter(fits)
                        .filter(|c| c.1 <= nesting && c.0 + 1 >= start + max / 2)
                        .map(|c| c.0 + 1)
                        .max()
                };
                best(0).or_else(|| best(1)).or_else(|| best(u8::MAX)).unwrap_or(start + max)
            };
            if !self.lines.is_blank(start, end) {
                out.push(Span {
                    kind: kind.into(),
                    symbol: symbol.to_string(),
                    start,
                    end,
                });
            }
            start = end;
        }
    }

    /// The declarations among the named children of `parent`, with their leading comments.
    fn collect(&self, parent: Node<'t>, scope: &Scope) -> Vec<Decl<'t>> {
        let mut decls: Vec<Decl<'t>> = Vec::new();
        let mut lead: Option<(usize, usize)> = None;
        let mut previous_end: Option<usize> = None;
        let mut imports_run = false; // whether the last declaration is imports with nothing else since
        for child in self.tree.children(parent) {
            let start = self.tree.start_row(child);
            let end = self.tree.end_row(child);
            if LEADING.contains(&child.kind()) {
                if previous_end == Some(start) && lead.is_none() {
                    continue; // a comment at the end of the previous sibling's line is its own
                }
                lead = match lead {
                    Some((lead_start, lead_end)) if start <= lead_end + 1 => Some((lead_start, lead_end.max(end))),
                    _ => Some((start, end)),
                };
                previous_end = Some(end);
                continue;
            }
            if IMPORTS.contains(&child.kind()) && child.child_by_field_name("body").is_none() {
                // a comment above the imports is the module's (a license, a Go package doc), not theirs
                match decls.last_mut() {
                    Some(last) if last.kind == "imports" && imports_run => last.end = end,
                    _ => decls.push(imports_decl(start, end, child)),
                }
                imports_run = true;
                lead = None;
                previous_end = Some(end);
                continue;
            }
            imports_run = false;
            if let Some(mut decl) = self.tree.declaration(child, scope) {
                if let Some((lead_start, lead_end)) = lead {
                    if lead_start < decl.start && lead_end + 1 >= decl.start {
                        decl = decl.with_range(lead_start, decl.end);
                    }
                }
                decls.push(decl);
            }
            lead = None;
            previous_end = Some(end);
        }
        decls
    }
}

/// A chunk shorter than this fraction of the budget is merged with small neighbours: a quarter (30
/// of 120 lines) rather than an eighth took the JDK from 146,588 chunks to 109,809 and the Python
/// stdlib from 14,873 to 11,587, with hybrid hit@5 0.78 -> 0.90 on Python and no mode worse on the
/// JDK sample (docs/chunking.md, bench/results/2026-12-04-chunkers-merge/).
const SMALL_FRACTION: usize = 4;

/// Merges runs of adjacent small declaration chunks (getters, constants, one-line functions) until
/// each merged chunk holds at least a quarter of `max_lines`, so an index is not flooded with
/// one-line chunks. Only lines of blanks and brackets may sit between merged chunks; chunks of
/// lines outside declarations ("module") and imports are not merged. The merged chunk lists the
/// kinds and the symbols, comma-separated, each once.
fn merge_small(spans: Vec<Span>, lines: &Lines, limits: Limits) -> Vec<Span> {
    let small = (limits.max_lines / SMALL_FRACTION).max(1);
    let mergeable = |s: &Span| s.end - s.start < small && s.kind != "module" && s.kind != "imports";
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut open = false; // whether the last chunk in `out` may still take more
    for span in spans {
        if let Some(last) = out.last_mut() {
            let joins = open
                && mergeable(&span)
                && span.end - last.start <= limits.max_lines
                && (last.end..span.start).all(|row| lines.is_trivial(row));
            if joins {
                last.end = span.end;
                if let Some(kinds) = listed(&last.kind, &span.kind) {
                    last.kind = kinds.into();
                }
                if let Some(symbols) = listed(&last.symbol, &span.symbol) {
                    last.symbol = symbols;
                }
                open = last.end - last.start < small;
                continue;
            }
        }
        open = mergeable(&span);
        out.push(span);
    }
    out
}

/// `list` (comma-separated) with `item` added, or None when it is empty or listed already.
fn listed(list: &str, item: &str) -> Option<String> {
    if item.is_empty() || list.split(", ").any(|x| x == item) {
        None
    } else if list.is_empty() {
        Some(item.to_string())
    } else {
        Some(format!("{list}, {item}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max_lines: usize, overlap_lines: usize) -> Limits {
        Limits {
            max_lines,
            overlap_lines,
            timeout: Duration::from_secs(5),
        }
    }

    fn outline(outcome: Outcome) -> Vec<String> {
        match outcome {
            Outcome::Chunked(spans) => spans
                .iter()
                .map(|s| format!("{} {} {}-{}", s.kind, s.symbol, s.start + 1, s.end))
                .collect(),
            other => panic!("not chunked: {other:?}"),
        }
    }

    #[test]
    fn lines_split_like_java() {
        let lines = Lines::of(b"a\r\nb\n\nc");
        assert_eq!(lines.len(), 4);
        assert_eq!(lines.line(0), b"a");
        assert_eq!(lines.line(3), b"c");
        assert_eq!(Lines::of(b"a\n").len(), 1);
        assert!(Lines::of(b"").is_empty());
    }

    #[test]
    fn java_class_with_members() {
        let text = b"package p;\n\n/** Doc. */\nclass A {\n  int x;\n  void f() {\n    g();\n  }\n}\n";
        assert_eq!(
            outline(chunk("java", "A.java", text, limits(120, 10))),
            ["imports  1-1", "class A 3-9"]
        );
        assert_eq!(
            outline(chunk("java", "A.java", text, limits(4, 1))),
            ["imports  1-1", "class A 3-5", "method A.f 6-8"]
        );
    }

    #[test]
    fn unsupported_minified_and_timeouts_fall_back() {
        assert_eq!(chunk("cobol", "a.cob", b"x\n", limits(10, 1)), Outcome::Unsupported);
        let long = format!("var a = [{}];\n", "1,".repeat(6_000));
        assert_eq!(chunk("javascript", "a.min.js", long.as_bytes(), limits(10, 1)), Outcome::Minified);
        let big = "class A { void f() { int x = 1; } }\n".repeat(20_000);
        let none = Limits {
            timeout: Duration::ZERO,
            ..limits(10, 1)
        };
        assert_eq!(chunk("java", "A.java", big.as_bytes(), none), Outcome::TimedOut);
    }

    #[test]
    fn mostly_garbage_is_unparsable() {
        let text = b"@@@ ))) ((( ]]] \n### {{{ <<< >>>\n%%% &&& ||| !!!\n";
        assert_eq!(chunk("java", "A.java", text, limits(10, 1)), Outcome::Unparsable);
    }
}
