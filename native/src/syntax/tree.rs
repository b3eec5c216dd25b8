//! One parsed file as the language rules see it: nodes' text and rows, and the builders of
//! declarations. Lives as long as its tree (one `syntax::chunk` call).

use tree_sitter::Node;

use super::LanguageRules;

/// Where declarations are found: `prefix` qualifies their names; inside a type, functions are methods.
#[derive(Clone, Debug)]
pub struct Scope {
    pub prefix: String,
    pub in_type: bool,
}

impl Scope {
    pub fn top() -> Self {
        Scope {
            prefix: String::new(),
            in_type: false,
        }
    }

    /// The scope of the members of `symbol`.
    pub fn inside(symbol: &str, in_type: bool) -> Self {
        Scope {
            prefix: format!("{symbol}."),
            in_type,
        }
    }

    pub fn qualify(&self, name: &str) -> String {
        format!("{}{}", self.prefix, name)
    }

    pub fn function_kind(&self) -> &'static str {
        if self.in_type {
            "method"
        } else {
            "function"
        }
    }
}

/// A declaration: rows `start..=end` (0-based), and for a container the node holding its members
/// and the scope they are in.
#[derive(Clone, Debug)]
pub struct Decl<'t> {
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    pub symbol: String,
    pub body: Option<Node<'t>>,
    pub members: Option<Scope>,
    /// The node it was read from (where its statements are, when it must be split).
    pub node: Node<'t>,
}

impl<'t> Decl<'t> {
    pub fn with_range(&self, start: usize, end: usize) -> Self {
        Decl {
            start,
            end,
            ..self.clone()
        }
    }
}

/// Wrappers whose children are read as the parent's own, as (parent kind, wrapper kind); "" is any
/// parent. They hold declarations without being one.
const TRANSPARENT: &[(&str, &str)] = &[
    ("", "enum_body_declarations"), // Java: the members of an enum
    ("document", "object"),         // JSON: the top-level object's pairs are the file's keys
    ("", "preproc_ifdef"),          // C, C++, C#: include guards, #ifdef and #if blocks
    ("", "preproc_if"),
    ("", "preproc_elif"),
    ("", "preproc_elifdef"),
    ("", "preproc_else"),
    ("", "linkage_specification"), // C++: extern "C" { ... }
    ("linkage_specification", "declaration_list"),
    ("class", "body_statement"), // Ruby: read with the class, so a comment above the first member is its own
    ("module", "body_statement"),
];

/// A node whose children are statements or members (where a cut falls between two of them).
fn is_block(kind: &str) -> bool {
    kind.contains("block")
        || kind.contains("body")
        || kind.ends_with("statements")
        || kind.ends_with("_list")
        || kind == "compound_statement"
}

fn is_transparent(parent: &str, kind: &str) -> bool {
    TRANSPARENT.iter().any(|(p, k)| *k == kind && (p.is_empty() || *p == parent))
}

pub struct SyntaxTree<'t, 's> {
    rules: &'static dyn LanguageRules,
    text: &'s [u8],
    line_count: usize,
    /// The skim's (row a function seems to end on, row it ends on) for bodies the parser skipped.
    body_ends: &'s [(usize, usize)],
    _tree: std::marker::PhantomData<Node<'t>>,
}

impl<'t, 's> SyntaxTree<'t, 's> {
    pub fn new(rules: &'static dyn LanguageRules, text: &'s [u8], line_count: usize) -> Self {
        SyntaxTree {
            rules,
            text,
            line_count,
            body_ends: &[],
            _tree: std::marker::PhantomData,
        }
    }

    pub fn with_body_ends(self, body_ends: &'s [(usize, usize)]) -> Self {
        SyntaxTree { body_ends, ..self }
    }

    /// Adds the rows after which a statement inside `node` ends (where a too-large declaration
    /// may be cut), with their nesting: 0 for the statements of its outermost block.
    pub fn statement_ends(&self, node: Node<'t>, cuts: &mut Vec<(usize, u8)>) {
        let mut stack = vec![(node, 0u8, false)];
        while let Some((node, nesting, in_block)) = stack.pop() {
            let block = is_block(node.kind());
            let inner = if in_block && block { nesting.saturating_add(1) } else { nesting };
            let mut cursor = node.walk();
            let children: Vec<Node<'t>> = node.named_children(&mut cursor).collect();
            for pair in children.windows(2) {
                let end = self.end_row(pair[0]);
                if block && end < self.start_row(pair[1]) {
                    cuts.push((end, inner));
                }
            }
            for child in children {
                if child.end_position().row > child.start_position().row + 1 {
                    stack.push((child, inner, in_block || block));
                }
            }
        }
    }

    /// The declaration `node` stands for, by the language's rules, or None.
    pub fn declaration(&self, node: Node<'t>, scope: &Scope) -> Option<Decl<'t>> {
        self.rules.declaration(node, scope, self)
    }

    /// Named children, with the wrappers in [`TRANSPARENT`] opened up.
    pub fn children(&self, parent: Node<'t>) -> Vec<Node<'t>> {
        let mut out = Vec::new();
        let mut cursor = parent.walk();
        for node in parent.named_children(&mut cursor) {
            if is_transparent(parent.kind(), node.kind()) {
                out.extend(self.children(node));
            } else {
                out.push(node);
            }
        }
        out
    }

    /// Named children of the given kind.
    pub fn children_of_kind(&self, parent: Node<'t>, kinds: &[&str]) -> Vec<Node<'t>> {
        self.children(parent).into_iter().filter(|n| kinds.contains(&n.kind())).collect()
    }

    /// A class-like container: its members are methods qualified by its name.
    pub fn type_decl(&self, node: Node<'t>, kind: &'static str, scope: &Scope) -> Option<Decl<'t>> {
        let symbol = scope.qualify(&self.name(node));
        let members = Scope::inside(&symbol, true);
        Some(self.container(node, kind, symbol, self.field(node, "body"), members))
    }

    pub fn container(&self, node: Node<'t>, kind: &'static str, symbol: String, body: Option<Node<'t>>, members: Scope) -> Decl<'t> {
        Decl {
            start: self.start_row(node),
            end: self.end_row(node),
            kind,
            symbol,
            body,
            members: Some(members),
            node,
        }
    }

    pub fn leaf(&self, node: Node<'t>, kind: &'static str, symbol: String) -> Option<Decl<'t>> {
        Some(Decl {
            start: self.start_row(node),
            end: self.end_row(node),
            kind,
            symbol,
            body: None,
            members: None,
            node,
        })
    }

    /// The declaration `inner` stands for, over the rows of `outer` (decorators, "export").
    pub fn wrap(&self, outer: Node<'t>, inner: Option<Node<'t>>, scope: &Scope) -> Option<Decl<'t>> {
        let decl = self.rules.declaration(inner?, scope, self)?;
        let start = self.start_row(outer).min(decl.start);
        let end = self.end_row(outer).max(decl.end);
        Some(decl.with_range(start, end))
    }

    /// The `name` field's text, or "(anonymous)".
    pub fn name(&self, node: Node<'t>) -> String {
        self.field(node, "name").map_or_else(|| "(anonymous)".to_string(), |n| self.text(n))
    }

    /// `Wrapper<T>`, `*Point`, `fmt::Formatter`, `&mut Foo`: the bare type name.
    pub fn simple_type_name(&self, node: Option<Node<'t>>) -> String {
        let mut node = match node {
            Some(n) => n,
            None => return String::new(),
        };
        for _ in 0..8 {
            if node.kind().ends_with("identifier") {
                return self.text(node);
            }
            let next = self
                .field(node, "type")
                .or_else(|| self.field(node, "name"))
                .or_else(|| self.children(node).pop());
            match next {
                Some(n) => node = n,
                None => return self.text(node),
            }
        }
        self.text(node)
    }

    pub fn field(&self, node: Node<'t>, name: &str) -> Option<Node<'t>> {
        node.child_by_field_name(name)
    }

    /// The node's text with every run of whitespace made one space.
    pub fn text(&self, node: Node<'t>) -> String {
        let start = node.start_byte().min(self.text.len());
        let end = node.end_byte().clamp(start, self.text.len());
        let raw = String::from_utf8_lossy(&self.text[start..end]);
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    pub fn start_row(&self, node: Node<'t>) -> usize {
        node.start_position().row.min(self.line_count - 1)
    }

    /// The row of the node's last character (a node that ends with its newline ends on the row before).
    pub fn end_row(&self, node: Node<'t>) -> usize {
        let end = node.end_position();
        let start = self.start_row(node);
        let mut row = if end.column == 0 && end.row > start { end.row - 1 } else { end.row };
        if let Ok(i) = self.body_ends.binary_search_by_key(&row, |e| e.0) {
            row = row.max(self.body_ends[i].1); // its body was skipped: it ends where the body does
        }
        row.min(self.line_count - 1).max(start)
    }
}
