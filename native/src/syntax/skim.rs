//! Skimming: finds the bodies of functions with a cheap lexical pass before the parse, so the
//! parser can skip them (tree-sitter's included ranges). A chunk needs a function's rows, name and
//! kind, never the statements inside it, and most of a source file's tokens are in function bodies:
//! skipping them makes the parse several times faster (the JDK's sources: 17 s to 3.5 s on one core).
//!
//! The skim also notes where statements end inside a skipped body (rows a chunk may end after), so
//! a function too large for one chunk is still cut between statements. A skim is a guess: when the
//! parse of the skimmed text has any syntax error, the caller parses the whole text again.
//!
//! Comments outside bodies are skimmed too: the parser reads a comment's opening marker and its
//! closing `*/` (or line end), never its words, so it still finds a comment of the same rows
//! (which a declaration's leading comment needs) without lexing its text byte by byte. Doc comments
//! are most of the text left once bodies are skipped (the JDK's javadoc).

/// A comment or docstring with fewer words (bytes) than this is left whole: not worth a range.
const MIN_SKIPPED_BYTES: usize = 16;

/// `end` (a line end) moved before the "\r" of a "\r\n", which the parser must still see.
fn before_cr(text: &[u8], end: usize) -> usize {
    if text[..end].ends_with(b"\r") {
        end - 1
    } else {
        end
    }
}

/// How a language's function bodies are found, if they can be.
#[derive(Clone, Copy, Debug)]
pub enum Skimmer {
    /// Parse everything (no reliable lexical shape, or not worth it).
    Nothing,
    /// `{ }` bodies, recognised by the header before the `{`.
    Braces(Braces),
    /// Python: `def` bodies by indentation.
    Indentation,
}

/// The lexical shape of a brace language and how its function headers look.
#[derive(Clone, Copy, Debug)]
pub struct Braces {
    /// Words that make the header before a `{` a function's (`fn`, `func`, `fun`, `def`, `function`).
    pub function_words: &'static [&'static str],
    /// Whether a header with a `)` after which comes no lone `=` is a function's (Java, C, C#, JS).
    pub paren_headers: bool,
    /// Words that make a header a type's or a namespace's, whose body is never skipped.
    pub type_words: &'static [&'static str],
    /// What a `'` starts.
    pub single_quote: SingleQuote,
    /// What "`" starts: a string that may span lines.
    pub backticks: Backticks,
    /// `"""` starts a string that may span lines (Java text blocks, Kotlin, Swift, Scala, C#).
    pub triple_quotes: bool,
    /// A `"` string may span lines (Rust), and `r#"..."#` raw strings exist.
    pub rust_strings: bool,
    /// `@"..."` verbatim strings (C#).
    pub verbatim_strings: bool,
    /// `R"delim(...)delim"` raw strings (C++).
    pub cpp_raw_strings: bool,
    /// `/* /* */ */` nests (Rust, Kotlin, Scala, Swift).
    pub nested_comments: bool,
    /// A `#` at the start of a line starts a preprocessor line (C, C++, C#).
    pub preprocessor: bool,
    /// Statements end with `;` (a line ending otherwise does not end one).
    pub semicolons: bool,
    /// Words that start a package or import statement at the top level (`import`, `use`), which
    /// the parser need not read: the skim gives their rows (`Skim::imports`).
    pub import_words: &'static [&'static str],
    /// Words that may come before an import word (`pub use`, `pub(crate) use`).
    pub import_prefixes: &'static [&'static str],
    /// A block of `///` (or `//!`) lines may be one comment for the parser (Rust).
    pub doc_line_blocks: bool,
    /// A function's parameters and what follows them (return type, `where`) are left out of the
    /// parse: `fn name(…)…{` or `func (r T) Name[T any](…)…{` (Rust, Go). A chunk needs a
    /// function's name and rows, which the parser still finds; most of a Rust file's text left
    /// after its bodies are skipped is signatures.
    pub signatures: bool,
    /// Words that start a top-level statement whose `{ }` hold data, not declarations (Go's `var`,
    /// `const`): what is inside them is left out of the parse (Go's generated tables).
    pub literal_words: &'static [&'static str],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backticks {
    /// "`" is code (or not used).
    Nothing,
    /// A string in which a backslash escapes (JavaScript's templates).
    Escaped,
    /// A raw string: a backslash is itself (Go: `` `\` `` is one backslash).
    Raw,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SingleQuote {
    /// A character literal ('a', '\n'); a lone `'` (a Rust lifetime) is nothing.
    Char,
    /// A string ('...'), as in JavaScript.
    String,
}

/// Braces with the defaults of the C family; each language changes what differs.
pub const C_LIKE: Braces = Braces {
    function_words: &[],
    paren_headers: true,
    type_words: &[],
    single_quote: SingleQuote::Char,
    backticks: Backticks::Nothing,
    triple_quotes: false,
    rust_strings: false,
    verbatim_strings: false,
    cpp_raw_strings: false,
    nested_comments: false,
    preprocessor: false,
    semicolons: true,
    import_words: &[],
    import_prefixes: &[],
    doc_line_blocks: false,
    signatures: false,
    literal_words: &[],
};

/// What a skim found. All empty when nothing is skipped.
#[derive(Debug, Default)]
pub struct Skim {
    /// Byte ranges the parser does not read, in order, not overlapping.
    pub excluded: Vec<(usize, usize)>,
    /// Rows inside skipped bodies after which a statement ends, with their nesting (0: the body's
    /// own statements), in row order.
    pub cuts: Vec<(usize, u8)>,
    /// Python: (row the parser sees a function end on, row its body really ends on), in order.
    pub body_ends: Vec<(usize, usize)>,
    /// Runs of top-level package and import statements left out of the parse: (first row, last
    /// row), in order. Each run is one "imports" declaration.
    pub imports: Vec<(usize, usize)>,
}

impl Skimmer {
    pub fn skim(&self, text: &[u8]) -> Skim {
        match self {
            Skimmer::Nothing => Skim::default(),
            Skimmer::Braces(braces) => BraceScan::new(braces, text).run(),
            Skimmer::Indentation => indentation::skim(text),
        }
    }
}

/// One pass over a brace language's text.
struct BraceScan<'a> {
    shape: &'a Braces,
    text: &'a [u8],
    at: usize,
    row: usize,
    /// `{` nesting, and `(`/`[` nesting.
    braces: usize,
    parens: usize,
    /// Tokens (byte ranges) since the last `;`, `{` or `}` outside skipped bodies.
    header: Vec<(usize, usize)>,
    /// The body being skipped: the byte after its `{`, the brace and paren nesting inside it.
    skipping: Option<(usize, usize, usize)>,
    /// Whether the body being skipped is a literal's (data, whose elements end with a `,`).
    skipping_literal: bool,
    /// The last byte that was code (not blank, not comment), for statement ends at a line end.
    last_code: u8,
    /// The top-level statement under way: its first byte and row, and whether it is an import.
    statement: Option<(usize, usize, Import)>,
    /// Whether code other than imports came since the last import (which ends a run of them).
    code_since_import: bool,
    /// Where the last import's excluded range ends.
    last_import_end: usize,
    /// The run of line comments alone on their lines that the last one ended.
    line_comments: Option<LineComments>,
    out: Skim,
}

/// Line comments on successive rows, each alone on its line: where the first starts, the last
/// row, the marker's length (`//` or `///`, `//!`).
#[derive(Clone, Copy, Debug)]
struct LineComments {
    start: usize,
    row: usize,
    marker: usize,
}

/// What a top-level statement is, as far as its first words tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Import {
    /// Only prefixes so far (`pub`, `pub(crate)`).
    Maybe,
    Yes,
    No,
}

impl<'a> BraceScan<'a> {
    fn new(shape: &'a Braces, text: &'a [u8]) -> Self {
        BraceScan {
            shape,
            text,
            at: 0,
            row: 0,
            braces: 0,
            parens: 0,
            header: Vec::new(),
            skipping: None,
            skipping_literal: false,
            last_code: b'\n',
            statement: None,
            code_since_import: false,
            last_import_end: usize::MAX,
            line_comments: None,
            out: Skim::default(),
        }
    }

    fn peek(&self, ahead: usize) -> u8 {
        self.text.get(self.at + ahead).copied().unwrap_or(0)
    }

    fn run(mut self) -> Skim {
        let mut line_start = true;
        while self.at < self.text.len() {
            let c = self.text[self.at];
            if c == b'\n' {
                self.line_end();
                self.row += 1;
                self.at += 1;
                line_start = true;
                continue;
            }
            if c == b' ' || c == b'\t' || c == b'\r' {
                self.at += 1;
                continue;
            }
            let first_on_line = line_start;
            line_start = false;
            if c == b'/' && self.peek(1) == b'/' {
                let start = self.at;
                self.skip_to_line_end();
                self.exclude_line_comment_text(start, self.at, first_on_line);
            } else if c == b'/' && self.peek(1) == b'*' {
                let start = self.at;
                self.block_comment();
                if self.text[..self.at].ends_with(b"*/") {
                    self.exclude_comment_text(start, self.at - 2);
                }
            } else if c == b'#' && first_on_line && self.shape.preprocessor {
                self.preprocessor_line();
            } else if self.string_start(c) {
                self.last_code = b'"';
            } else {
                self.code(c);
            }
        }
        self.out
    }

    /// A statement ends at this line end inside a skipped body: a cut after this row. Without
    /// semicolons, a top-level statement ends here too when no bracket is open.
    fn line_end(&mut self) {
        if !self.shape.semicolons && self.braces == 0 && self.parens == 0 && !matches!(self.last_code, b'.' | b',') {
            self.end_statement(before_cr(self.text, self.at));
        }
        let Some((_, body_braces, body_parens)) = self.skipping else {
            return;
        };
        let ends = if self.skipping_literal {
            matches!(self.last_code, b',' | b'}')
        } else if self.shape.semicolons {
            matches!(self.last_code, b';' | b'}')
        } else {
            self.last_code.is_ascii_alphanumeric() || matches!(self.last_code, b'_' | b')' | b']' | b'}' | b';' | b'"')
        };
        if ends && self.parens == body_parens && self.braces >= body_braces {
            let nesting = (self.braces - body_braces).min(u8::MAX as usize) as u8;
            if self.out.cuts.last().map(|c| c.0) != Some(self.row) {
                self.out.cuts.push((self.row, nesting));
            }
        }
        self.last_code = b'\n';
    }

    /// Leaves the comment from `start` to `end` (before its `*/` or line end) to the parser as its
    /// marker only: `//` or `/*`, with a third byte that makes a doc comment (`///`, `//!`, `/**`,
    /// `/*!`); any other third byte could join the closing `*/` into another opener (`/*/*/`).
    /// Comments inside a skipped body are in its excluded range already; short ones are not worth one.
    fn exclude_comment_text(&mut self, start: usize, end: usize) {
        if self.skipping.is_some() {
            return;
        }
        let from = start + self.comment_marker(start);
        // a "\r" before the line end stays, as does a "\" ending a C line comment (it continues it)
        let to = before_cr(self.text, end);
        if to >= from + MIN_SKIPPED_BYTES && self.text[to - 1] != b'\\' {
            self.out.excluded.push((from, to));
        }
    }

    /// Like `exclude_comment_text`; with `doc_line_blocks`, a doc line comment alone on the line
    /// right under another of the same marker joins it: the parser reads the first one's marker and
    /// the last one's line end, one comment over all their rows (a `///` block of ten lines is one
    /// token, not ten). Only where the grammar reads a doc comment's text to the line end whatever
    /// it skips (Rust's scanner); a plain `//` token would end at its marker and lose the rows.
    fn exclude_line_comment_text(&mut self, start: usize, end: usize, first_on_line: bool) {
        let marker = self.comment_marker(start);
        if !self.shape.doc_line_blocks || marker != 3 {
            self.line_comments = None;
            self.exclude_comment_text(start, end);
            return;
        }
        let continued = self.text[before_cr(self.text, end).saturating_sub(1).max(start)] == b'\\';
        if let Some(run) = self.line_comments.filter(|run| {
            first_on_line
                && self.skipping.is_none()
                && !continued
                && run.row + 1 == self.row
                && run.marker == marker
                && self.text[start..start + marker] == self.text[run.start..run.start + marker]
        }) {
            let to = before_cr(self.text, end);
            match self.out.excluded.last_mut() {
                Some(last) if last.0 == run.start + marker => last.1 = to,
                _ => self.out.excluded.push((run.start + marker, to)),
            }
            self.line_comments = Some(LineComments { row: self.row, ..run });
            return;
        }
        self.line_comments = (first_on_line && !continued).then_some(LineComments {
            start,
            row: self.row,
            marker,
        });
        self.exclude_comment_text(start, end);
    }

    /// The length of the marker of the comment at `start`: 3 for a doc comment (`///`, `//!`,
    /// `/**`, `/*!`), else 2.
    fn comment_marker(&self, start: usize) -> usize {
        let doc = match self.text[start + 1] {
            b'/' => matches!(self.text.get(start + 2), Some(b'/' | b'!')),
            _ => matches!(self.text.get(start + 2), Some(b'*' | b'!')),
        };
        if doc {
            3
        } else {
            2
        }
    }

    fn skip_to_line_end(&mut self) {
        while self.at < self.text.len() && self.text[self.at] != b'\n' {
            self.at += 1;
        }
    }

    fn preprocessor_line(&mut self) {
        // continues over lines ending in "\"
        loop {
            self.skip_to_line_end();
            let continued = self.at > 0 && self.text[self.at - 1] == b'\\'
                || self.at > 1 && self.text[self.at - 1] == b'\r' && self.text[self.at - 2] == b'\\';
            if !continued || self.at >= self.text.len() {
                return;
            }
            self.at += 1;
            self.row += 1;
        }
    }

    fn block_comment(&mut self) {
        self.at += 2;
        let mut depth = 1;
        while self.at < self.text.len() {
            match (self.text[self.at], self.peek(1)) {
                (b'*', b'/') => {
                    self.at += 2;
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                    continue;
                }
                (b'/', b'*') if self.shape.nested_comments => {
                    self.at += 2;
                    depth += 1;
                    continue;
                }
                (b'\n', _) => self.row += 1,
                _ => {}
            }
            self.at += 1;
        }
    }

    /// Skips a string or character literal starting at `c`, if one does; false when `c` starts none.
    fn string_start(&mut self, c: u8) -> bool {
        let shape = self.shape;
        let start = self.at;
        match c {
            b'"' if shape.triple_quotes && self.peek(1) == b'"' && self.peek(2) == b'"' => {
                self.at += 3;
                self.until(b"\"\"\"", true, true);
            }
            b'"' => {
                self.at += 1;
                self.until(b"\"", true, shape.rust_strings);
            }
            b'@' if shape.verbatim_strings && self.peek(1) == b'"' => {
                // "" inside is a quote: two strings in a row scan the same
                self.at += 2;
                self.until(b"\"", false, true);
            }
            b'r' if shape.rust_strings && self.raw_rust_string() => {}
            b'R' if shape.cpp_raw_strings && self.peek(1) == b'"' && self.raw_cpp_string() => {}
            b'`' if shape.backticks != Backticks::Nothing => {
                self.at += 1;
                self.until(b"`", shape.backticks == Backticks::Escaped, true);
            }
            b'\'' if shape.single_quote == SingleQuote::String => {
                self.at += 1;
                self.until(b"'", true, false);
            }
            b'\'' => return self.char_literal(),
            _ => return false,
        }
        if start < self.at {
            self.header_token(start, self.at);
            self.statement_token(start, None);
        }
        true
    }

    /// Moves past the next `end`; backslashes escape when `escapes`; stops at a line end unless
    /// `multiline` (an unterminated string ends with its line).
    fn until(&mut self, end: &[u8], escapes: bool, multiline: bool) {
        while self.at < self.text.len() {
            let c = self.text[self.at];
            if escapes && c == b'\\' {
                if self.peek(1) == b'\n' {
                    self.row += 1;
                }
                self.at += 2;
                continue;
            }
            if self.text[self.at..].starts_with(end) {
                self.at += end.len();
                return;
            }
            if c == b'\n' {
                if !multiline {
                    return;
                }
                self.row += 1;
            }
            self.at += 1;
        }
    }

    /// `r"..."`, `r#"..."#`, `br##"..."##`: true when one starts here (and was skipped).
    fn raw_rust_string(&mut self) -> bool {
        if self.at > 0 && is_word_byte(self.text[self.at - 1]) && self.text[self.at - 1] != b'b' {
            return false;
        }
        let mut hashes = 0;
        while self.peek(1 + hashes) == b'#' {
            hashes += 1;
        }
        if self.peek(1 + hashes) != b'"' {
            return false;
        }
        self.at += 2 + hashes;
        let mut end = vec![b'"'];
        end.extend(std::iter::repeat_n(b'#', hashes));
        self.until(&end, false, true);
        true
    }

    /// `R"delim(...)delim"`: true when one starts here (and was skipped).
    fn raw_cpp_string(&mut self) -> bool {
        let open = self.at + 2;
        let Some(paren) = self.text[open..].iter().take(17).position(|&b| b == b'(') else {
            return false;
        };
        let mut end = vec![b')'];
        end.extend_from_slice(&self.text[open..open + paren]);
        end.push(b'"');
        self.at = open + paren + 1;
        self.until(&end, false, true);
        true
    }

    /// 'a', '\n', '\u{1F600}', 'é'; a `'` that starts none of these (a Rust lifetime) is code.
    fn char_literal(&mut self) -> bool {
        let rest = &self.text[self.at + 1..];
        let close = match rest.first() {
            Some(b'\\') => rest.iter().take(12).skip(2).position(|&b| b == b'\'').map(|p| p + 2),
            Some(&b) if b >= 0x80 => rest.iter().take(5).skip(1).position(|&b| b == b'\'').map(|p| p + 1),
            Some(_) if rest.get(1) == Some(&b'\'') => Some(1),
            _ => None,
        };
        match close {
            Some(offset) if !rest[..offset].contains(&b'\n') => {
                let start = self.at;
                self.at += offset + 2;
                self.header_token(start, self.at);
                self.last_code = b'"';
                true
            }
            _ => false,
        }
    }

    fn code(&mut self, c: u8) {
        let start = self.at;
        if is_word_byte(c) {
            while self.at < self.text.len() && is_word_byte(self.text[self.at]) {
                self.at += 1;
            }
            self.last_code = self.text[self.at - 1];
            self.header_token(start, self.at);
            self.statement_token(start, Some(&self.text[start..self.at]));
            return;
        }
        self.statement_token(start, None);
        self.at += 1;
        let previous = std::mem::replace(&mut self.last_code, c);
        match c {
            b'{' if self.braces == 0 && self.statement.is_some_and(|s| s.2 == Import::Yes) && !matches!(previous, b'.' | b':') => {
                // a block, not an import's braces (`use a::{b, c}`, `import a.{b, c}`): Scala's `package p {`
                self.statement = self.statement.map(|(first, row, _)| (first, row, Import::No));
                self.code_since_import = true;
                self.open_brace();
            }
            b'{' => self.open_brace(),
            b'}' => self.close_brace(),
            b'(' | b'[' => {
                self.parens += 1;
                self.header_token(start, self.at);
            }
            b')' | b']' => {
                self.parens = self.parens.saturating_sub(1);
                self.header_token(start, self.at);
                if self.braces == 0 && self.parens == 0 && self.statement.is_some_and(|s| self.text[s.0] == b'#') {
                    self.statement = None; // an attribute (`#[derive(..)]`, `#![allow(..)]`) is not a statement
                }
            }
            b';' => {
                if self.skipping.is_none() && self.shape.signatures && self.parens == 0 {
                    self.skim_signature(start); // a declaration without a body (a trait's `fn f(&self);`)
                }
                self.header.clear();
                if self.braces == 0 && self.parens == 0 {
                    self.end_statement(self.at);
                }
            }
            _ => self.header_token(start, self.at),
        }
    }

    /// A token at `start` (a word, or None for punctuation) outside bodies: starts a top-level
    /// statement, or tells what the one under way is.
    fn statement_token(&mut self, start: usize, word: Option<&[u8]>) {
        if self.shape.import_words.is_empty() || self.skipping.is_some() {
            return;
        }
        let is = |words: &[&str], w: &[u8]| words.iter().any(|x| x.as_bytes() == w);
        match self.statement {
            None if self.braces == 0 && self.parens == 0 => {
                let kind = match word {
                    Some(w) if is(self.shape.import_words, w) => Import::Yes,
                    Some(w) if is(self.shape.import_prefixes, w) => Import::Maybe,
                    _ => Import::No,
                };
                self.code_since_import |= kind == Import::No;
                self.statement = Some((start, self.row, kind));
            }
            Some((first, row, Import::Maybe)) if self.parens == 0 => {
                let kind = match word {
                    Some(w) if is(self.shape.import_words, w) => Import::Yes,
                    _ if self.text[start] == b'(' => Import::Maybe, // pub(crate)
                    _ => Import::No,
                };
                self.code_since_import |= kind == Import::No;
                self.statement = Some((first, row, kind));
            }
            _ => {}
        }
    }

    /// The top-level statement under way ends before `end`: an import is left out of the parse.
    fn end_statement(&mut self, end: usize) {
        let Some((start, row, kind)) = self.statement.take() else {
            return;
        };
        if kind != Import::Yes {
            return;
        }
        self.drop_excluded_from(start); // the statement's range covers them
        match self.out.excluded.last_mut() {
            // the previous import, with only blanks between: one range
            Some(last) if last.1 == self.last_import_end && self.text[last.1..start].iter().all(u8::is_ascii_whitespace) => {
                last.1 = end;
            }
            _ => self.out.excluded.push((start, end)),
        }
        self.last_import_end = end;
        match self.out.imports.last_mut() {
            Some(run) if !self.code_since_import => run.1 = self.row,
            _ => self.out.imports.push((row, self.row)),
        }
        self.code_since_import = false;
    }

    fn header_token(&mut self, start: usize, end: usize) {
        if self.skipping.is_none() {
            self.header.push((start, end));
        }
    }

    fn open_brace(&mut self) {
        let literal = self.skipping.is_none() && self.opens_literal();
        self.braces += 1;
        if self.skipping.is_none() && (literal || self.is_function_header()) {
            if !literal && self.shape.signatures {
                self.skim_signature(self.at - 1);
            }
            self.skipping = Some((self.at, self.braces, self.parens));
            self.skipping_literal = literal;
        }
        self.header.clear();
    }

    /// Whether a `{` here opens data at the top level of a statement that starts with a literal word.
    fn opens_literal(&self) -> bool {
        self.braces == 0
            && self.statement.is_some_and(|(first, _, _)| {
                let word = &self.text[first..];
                let word = &word[..word.iter().position(|&b| !is_word_byte(b)).unwrap_or(word.len())];
                self.shape.literal_words.iter().any(|w| w.as_bytes() == word)
            })
    }

    /// Forgets the excluded ranges from `start` on (comments excluded on their own), for a range
    /// about to cover them.
    fn drop_excluded_from(&mut self, start: usize) {
        while self.out.excluded.last().is_some_and(|&(from, _)| from >= start) {
            self.out.excluded.pop();
        }
    }

    /// Leaves the parameters of the function whose header ends at `end` (its `{` or `;`) out of the
    /// parse, and what comes between them and `end`: the parser reads `fn name(){`.
    fn skim_signature(&mut self, end: usize) {
        let Some((open, close)) = self.parameter_list() else {
            return;
        };
        let (after_open, before_close, after_close) = (self.header[open].1, self.header[close].0, self.header[close].1);
        self.drop_excluded_from(after_open); // these ranges cover them
        for (from, to) in [(after_open, before_close), (after_close, end)] {
            if to >= from + MIN_SKIPPED_BYTES {
                self.out.excluded.push((from, to));
            }
        }
    }

    /// The header tokens of a function's parameter list's `(` and `)`: after the function word, a
    /// receiver in parentheses (Go), the name, and type parameters in `<>` or `[]`.
    fn parameter_list(&self) -> Option<(usize, usize)> {
        let token = |i: usize| self.header.get(i).map(|&(s, e)| &self.text[s..e]);
        let is_function_word = |w: &[u8]| self.shape.function_words.iter().any(|f| f.as_bytes() == w);
        // the last function word outside brackets: a Go header may hold body-less functions before
        // it (`func f() int` ends at its line end, and the header runs on), and Go parameters may
        // hold function types (`func Map(f func(int) int) {`)
        let mut depth = 0usize;
        let mut function = None;
        for (i, &(s, e)) in self.header.iter().enumerate() {
            match &self.text[s..e] {
                b"(" | b"[" => depth += 1,
                b")" | b"]" => depth = depth.saturating_sub(1),
                word if depth == 0 && is_function_word(word) => function = Some(i),
                _ => {}
            }
        }
        let mut at = function? + 1;
        if token(at) == Some(b"(") {
            at = self.closing(at)? + 1;
        }
        if !token(at).is_some_and(|name| is_word_byte(name[0])) {
            return None;
        }
        at += 1;
        if matches!(token(at), Some(b"<" | b"[")) {
            at = self.closing(at)? + 1;
        }
        if token(at) != Some(b"(") {
            return None;
        }
        Some((at, self.closing(at)?))
    }

    /// The header token that closes the bracket the header token `open` opens: `(` and `[` close
    /// with `)` or `]` (as the scan counts them), `<` with a `>` not of a `->`.
    fn closing(&self, open: usize) -> Option<usize> {
        let angle = self.text[self.header[open].0] == b'<';
        let mut depth = 0usize;
        for (i, &(s, e)) in self.header.iter().enumerate().skip(open) {
            let opens = if angle {
                &self.text[s..e] == b"<"
            } else {
                matches!(&self.text[s..e], b"(" | b"[")
            };
            let closes = if angle {
                &self.text[s..e] == b">" && self.text[s - 1] != b'-'
            } else {
                matches!(&self.text[s..e], b")" | b"]")
            };
            if opens {
                depth += 1;
            } else if closes {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
        }
        None
    }

    fn close_brace(&mut self) {
        if let Some((from, braces, _)) = self.skipping {
            if self.braces == braces {
                let to = self.at - 1;
                if from < to {
                    self.out.excluded.push((from, to));
                }
                self.skipping = None;
            }
        }
        self.braces = self.braces.saturating_sub(1);
        self.header.clear();
        if self.braces == 0 && self.parens == 0 && self.statement.is_some_and(|s| s.2 != Import::Yes) {
            self.statement = None; // a top-level item ends with its block
        }
    }

    fn is_function_header(&self) -> bool {
        let token = |&(s, e): &(usize, usize)| &self.text[s..e];
        let words = || self.header.iter().map(token);
        if words().any(|w| self.shape.type_words.iter().any(|t| t.as_bytes() == w)) {
            return false;
        }
        if words().any(|w| self.shape.function_words.iter().any(|f| f.as_bytes() == w)) {
            return true;
        }
        if !self.shape.paren_headers {
            return false;
        }
        let n = self.header.len();
        if n >= 2 && matches!(token(&self.header[n - 2]), b"=" | b"-") && token(&self.header[n - 1]) == b">" {
            return true; // a lambda: `x => {`, `x -> {`
        }
        // `f(a) throws E {`, `f() const {`, `f(): T {`, `() => {`; not `x = g() {` or `if (` ...
        let Some(last_paren) = words().rposition(|w| w == b")") else {
            return false;
        };
        let header = &self.header;
        !header[last_paren + 1..]
            .iter()
            .enumerate()
            .any(|(i, t)| token(t) == b"=" && header.get(last_paren + 2 + i).map(token) != Some(b">"))
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// Python's `def` bodies by indentation, and the data of simple statements by brackets.
mod indentation {
    use super::{before_cr, Skim, MIN_SKIPPED_BYTES};

    /// One logical line: where it ends (its final newline), its last row, its indentation, and
    /// whether it has code (not only blanks and a comment).
    struct Logical {
        end: usize,
        last_row: usize,
        indent: usize,
        code: bool,
        /// Ends with ":" (a compound statement's header).
        opens_block: bool,
        /// Starts with "def" or "async def".
        is_def: bool,
        /// Starts with a compound statement's word that parses without what follows its block
        /// (`if`, `for`, `while`, `with`, `async`, `def`, `class`; not `try` or `match`).
        opens_alone: bool,
        /// Starts with "@".
        decorator: bool,
        /// The inside of its last bracket at its top level that spanned rows and holds data (see
        /// `holds_data`): a simple statement's `TABLE = {...}`, `__all__ = [...]`, `setup(...)`,
        /// which the parser need not read.
        data: Option<(usize, usize)>,
    }

    /// A text's logical lines, the words the parser need not read, and the rows after which an
    /// element of data ends.
    struct Scanned {
        lines: Vec<Logical>,
        words: Vec<(usize, usize)>,
        data_cuts: Vec<(usize, u8)>,
    }

    /// Compound statements complete without a following clause.
    const ALONE: &[&[u8]] = &[b"if", b"for", b"while", b"with", b"async", b"def", b"class"];

    pub fn skim(text: &[u8]) -> Skim {
        let Scanned { lines, words, data_cuts } = logical_lines(text);
        let mut out = Skim::default();
        let mut i = 0;
        while i < lines.len() {
            let header = &lines[i];
            if !(header.is_def && header.opens_block) {
                i += 1;
                continue;
            }
            // the body: following lines indented deeper, blank and comment lines in between
            let mut last_code = None;
            let mut j = i + 1;
            while j < lines.len() && (!lines[j].code || lines[j].indent > header.indent) {
                if lines[j].code {
                    last_code = Some(j);
                }
                j += 1;
            }
            let first = (i + 1..j).find(|&k| lines[k].code);
            if let (Some(first), Some(last)) = (first, last_code) {
                // the parser sees the body's first statement only: it must be a whole one
                let seen = first_simple_statement(&lines, first, last);
                if let Some(seen) = seen.filter(|&seen| last > seen) {
                    out.excluded.push((lines[seen].end, lines[last].end));
                    out.body_ends.push((lines[seen].last_row, lines[last].last_row));
                    let body_indent = lines[first].indent;
                    for line in &lines[first..last] {
                        if line.code {
                            let nesting = u8::from(line.indent > body_indent);
                            out.cuts.push((line.last_row, nesting));
                        }
                    }
                }
                i = last + 1;
                continue;
            }
            i += 1;
        }
        // the data of simple statements outside the skipped bodies (the parser reads `x = {}`), and
        // the element ends in it (where a chunk of a long table may end); then the words of
        // comments and strings outside both. A data range or a word inside a body is within its
        // range (each lies inside one logical line, and a body is whole logical lines).
        let data = lines
            .iter()
            .filter(|line| line.code && !line.opens_block && !line.decorator)
            .filter_map(|line| line.data)
            .collect();
        let bodies = std::mem::take(&mut out.excluded);
        let skipped = merge_outside(bodies, data);
        out.cuts.extend(data_cuts.into_iter().filter(|&(row, _)| {
            let at = lines.partition_point(|line| line.last_row < row);
            lines
                .get(at)
                .and_then(|line| line.data)
                .is_some_and(|data| skipped.binary_search(&data).is_ok())
        }));
        out.cuts.sort_unstable();
        out.cuts.dedup_by_key(|c| c.0);
        out.excluded = merge_outside(skipped, words);
        out
    }

    /// The line that ends the shortest whole statement a body can be cut to, from its first code
    /// line `first` (up to `last`): that line itself when it is a simple statement; for a compound
    /// one (`if x:`, `for ...:`), its header and, recursively, the first statement under it; for a
    /// decorator, the decorated `def` or `class` and what it holds, the same way. None
    /// when no such prefix parses alone: a `try:` needs its `except`, a `match` its cases.
    fn first_simple_statement(lines: &[Logical], first: usize, last: usize) -> Option<usize> {
        let mut at = first;
        while lines[at].opens_block || lines[at].decorator {
            if lines[at].opens_block && !lines[at].opens_alone {
                return None;
            }
            let next = (at + 1..=last).find(|&k| lines[k].code)?;
            // a block's statements are indented deeper; what a decorator decorates is not
            let indented = lines[next].indent > lines[at].indent;
            if indented == lines[at].decorator {
                return None;
            }
            at = next;
        }
        Some(at)
    }

    /// The ranges of `bodies` and those of `words` that lie in none of them, in order.
    fn merge_outside(bodies: Vec<(usize, usize)>, words: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
        let mut merged = Vec::with_capacity(bodies.len() + words.len());
        let mut bodies = bodies.into_iter().peekable();
        for word in words {
            while let Some(&body) = bodies.peek() {
                if body.1 > word.0 {
                    break;
                }
                merged.push(body);
                bodies.next();
            }
            if bodies.peek().is_none_or(|&(start, _)| word.1 <= start) {
                merged.push(word);
            }
        }
        merged.extend(bodies);
        merged
    }

    /// Splits `text` into logical lines: brackets, strings and "\" continuations join rows. Also
    /// returns the words the parser need not read: a comment after its `#` (to its line end, a "\r"
    /// staying), a string between its quotes (`""""""` is still a string on the same rows, so a
    /// docstring stays one; `f''` is still a string); and the rows inside a bracket at a line's top
    /// that end with an element's `,`.
    fn logical_lines(text: &[u8]) -> Scanned {
        let mut lines = Vec::new();
        // rows inside a bracket at a line's top that end with an element's "," (a cut in data)
        let mut data_cuts = Vec::new();
        let mut words = Vec::new();
        let mut skip = |from: usize, to: usize| {
            if to >= from + MIN_SKIPPED_BYTES {
                words.push((from, to));
            }
        };
        let (mut at, mut row) = (0, 0);
        while at < text.len() {
            let mut indent = 0;
            while at < text.len() && matches!(text[at], b' ' | b'\t' | b'\x0c') {
                indent += if text[at] == b'\t' { 8 - indent % 8 } else { 1 };
                at += 1;
            }
            let (mut depth, mut code, mut last) = (0usize, false, b'\n');
            let (mut is_def, mut opens_alone, mut decorator) = (false, false, false);
            // the last bracket opened at the top of this line: its first byte inside, and its row
            let (mut open, mut data, mut import) = (None, None, false);
            while at < text.len() {
                let c = text[at];
                match c {
                    b'\n' if depth == 0 && !(at > 0 && text[at - 1] == b'\\') => break,
                    b'\n' => {
                        if depth == 1 && last == b',' {
                            data_cuts.push((row, 0));
                        }
                        row += 1;
                    }
                    b'#' => {
                        let from = at + 1;
                        while at < text.len() && text[at] != b'\n' {
                            at += 1;
                        }
                        skip(from, before_cr(text, at));
                        continue;
                    }
                    b'"' | b'\'' => {
                        if !code {
                            is_def = false;
                        }
                        code = true;
                        let (end, rows) = string_end(text, at);
                        let triple = text.get(at + 1) == Some(&c) && text.get(at + 2) == Some(&c);
                        if triple && end >= at + 6 && text[end - 3..end].iter().all(|&q| q == c) {
                            skip(at + 3, end - 3);
                        } else if !triple && end >= at + 2 && text[end - 1] == c {
                            skip(at + 1, end - 1); // long literals: messages, tables (pydoc's topics)
                        }
                        at = end;
                        row += rows;
                        last = c;
                        continue;
                    }
                    b'(' | b'[' | b'{' => {
                        if depth == 0 && !import && holds_data(text, at) {
                            open = Some((at + 1, row));
                        }
                        depth += 1;
                    }
                    b')' | b']' | b'}' => {
                        depth = depth.saturating_sub(1);
                        if let Some((from, open_row)) = open.filter(|_| depth == 0) {
                            if open_row < row && at >= from + MIN_SKIPPED_BYTES {
                                data = Some((from, at));
                            }
                            open = None;
                        }
                    }
                    _ => {}
                }
                if !c.is_ascii_whitespace() {
                    if !code {
                        let rest = &text[at..];
                        import = starts_word(rest, b"from") || starts_word(rest, b"import");
                        is_def = starts_word(rest, b"def") || starts_word(rest, b"async") && is_async_def(rest);
                        opens_alone = ALONE.iter().any(|word| starts_word(rest, word));
                        decorator = c == b'@';
                    }
                    code = true;
                    last = c;
                }
                at += 1;
            }
            lines.push(Logical {
                end: at,
                last_row: row,
                indent,
                code,
                opens_block: last == b':',
                is_def,
                opens_alone,
                decorator,
                data,
            });
            at += 1;
            row += 1;
        }
        Scanned { lines, words, data_cuts }
    }

    /// Whether the bracket at `at` holds data whose inside may go unread: a value assigned (`= {`,
    /// `= [`, `= (`) or a call's arguments (`f(`); not a subscript (`T[`), which needs its inside.
    fn holds_data(text: &[u8], at: usize) -> bool {
        let before = text[..at].iter().rev().find(|&&b| !matches!(b, b' ' | b'\t'));
        match before {
            Some(b'=') => true,
            Some(&b) => text[at] == b'(' && (b.is_ascii_alphanumeric() || b == b'_'),
            None => false,
        }
    }

    fn starts_word(text: &[u8], word: &[u8]) -> bool {
        text.starts_with(word) && text.get(word.len()).is_some_and(|b| !b.is_ascii_alphanumeric() && *b != b'_')
    }

    fn is_async_def(text: &[u8]) -> bool {
        let rest = &text[5..];
        let skipped = rest.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
        skipped > 0 && starts_word(&rest[skipped..], b"def")
    }

    /// The byte after the string starting at `at` (prefixes are ordinary letters before it) and
    /// the newlines inside it.
    fn string_end(text: &[u8], at: usize) -> (usize, usize) {
        let quote = text[at];
        let triple = text.get(at + 1) == Some(&quote) && text.get(at + 2) == Some(&quote);
        let mut i = at + if triple { 3 } else { 1 };
        let mut rows = 0;
        while i < text.len() {
            let c = text[i];
            if c == b'\\' {
                if text.get(i + 1) == Some(&b'\n') {
                    rows += 1;
                }
                i += 2;
                continue;
            }
            if c == b'\n' {
                if !triple {
                    return (i, rows); // unterminated: the string ends with its line
                }
                rows += 1;
            }
            if c == quote && (!triple || text.get(i + 1) == Some(&quote) && text.get(i + 2) == Some(&quote)) {
                return (i + if triple { 3 } else { 1 }, rows);
            }
            i += 1;
        }
        (i, rows)
    }
}
