//! C and C++ (one file, as their grammars share node types). C: functions (named through the
//! declarator chain, `*name(...)`), structs, unions and enums with a body, and typedefs. C++ adds
//! classes, namespaces and templates (a template is the declaration it wraps); members of a class are
//! methods (a constructor is named like its class), and `A::B::f` is shown as `A.B.f`, a method.
//! Include guards, `#if` blocks and `extern "C" { }` are looked through (`SyntaxTree::children`).

use tree_sitter::{Language, Node};

use super::{skim, Decl, LanguageRules, Scope, Skimmer, SyntaxTree};

/// `c` or `cpp`.
pub struct CFamily {
    pub cpp: bool,
}

/// How deep a declarator chain is followed to its name (`*(*f)(int)` is 3).
const MAX_DECLARATOR_DEPTH: usize = 16;

impl LanguageRules for CFamily {
    fn skimmer(&self) -> Skimmer {
        Skimmer::Braces(skim::Braces {
            type_words: &["class", "struct", "union", "enum", "namespace"],
            preprocessor: true,
            cpp_raw_strings: self.cpp,
            ..skim::C_LIKE
        })
    }

    fn grammar(&self, _path: &str) -> Language {
        if self.cpp {
            tree_sitter_cpp::LANGUAGE.into()
        } else {
            tree_sitter_c::LANGUAGE.into()
        }
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        match node.kind() {
            "function_definition" => function(node, scope, tree),
            "struct_specifier" => specifier(node, "struct", scope, tree),
            "union_specifier" => specifier(node, "union", scope, tree),
            "enum_specifier" => specifier(node, "enum", scope, tree),
            "class_specifier" => specifier(node, "class", scope, tree),
            // struct point { int x; } origin;
            "declaration" => tree.wrap(node, tree.field(node, "type").filter(|t| has_body(*t, tree)), scope),
            "type_definition" => typedef(node, scope, tree),
            "alias_declaration" => tree.leaf(node, "type", scope.qualify(&tree.name(node))),
            "namespace_definition" => {
                let symbol = scope.qualify(&dotted(&tree.name(node)));
                let members = Scope::inside(&symbol, false);
                Some(tree.container(node, "namespace", symbol, tree.field(node, "body"), members))
            }
            "template_declaration" => {
                let inner = tree.children(node).into_iter().find(|c| !TEMPLATE_PARTS.contains(&c.kind()));
                tree.wrap(node, inner, scope)
            }
            _ => None,
        }
    }
}

/// The children of a template_declaration that are not the declaration it wraps.
const TEMPLATE_PARTS: &[&str] = &["template_parameter_list", "requires_clause"];

/// `void Cart::add(...)`: a method `Cart.add`; in a class, a method or the constructor.
fn function<'t>(node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
    let name = dotted(&tree.text(declared_name(node, tree)?));
    let (owner, simple) = match name.rsplit_once('.') {
        Some((owner, simple)) => (owner.rsplit('.').next().unwrap_or(owner), simple),
        None => (enclosing_type(scope), name.as_str()),
    };
    let kind = if owner.is_empty() {
        "function"
    } else if simple == owner {
        "constructor"
    } else {
        "method"
    };
    tree.leaf(node, kind, scope.qualify(&name))
}

/// A struct, union, enum or class with a body (without one it only names a type in a declaration).
fn specifier<'t>(node: Node<'t>, kind: &'static str, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
    let body = tree.field(node, "body")?;
    let symbol = scope.qualify(&dotted(&tree.name(node)));
    let members = Scope::inside(&symbol, true);
    Some(tree.container(node, kind, symbol, Some(body), members))
}

/// `typedef struct { ... } point_t;` is a struct `point_t`; any other typedef is a type.
fn typedef<'t>(node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
    let name = tree.text(declared_name(node, tree)?);
    let kind = match tree.field(node, "type") {
        Some(t) if has_body(t, tree) => match t.kind() {
            "struct_specifier" => "struct",
            "union_specifier" => "union",
            "enum_specifier" => "enum",
            "class_specifier" => "class",
            _ => "type",
        },
        _ => "type",
    };
    tree.leaf(node, kind, scope.qualify(&name))
}

fn has_body(node: Node, tree: &SyntaxTree) -> bool {
    node.kind().ends_with("_specifier") && tree.field(node, "body").is_some()
}

/// The name at the end of `node`'s declarator chain: `buffer_new` in `*buffer_new(size_t cap)`.
fn declared_name<'t>(node: Node<'t>, tree: &SyntaxTree<'t, '_>) -> Option<Node<'t>> {
    let mut current = tree.field(node, "declarator")?;
    for _ in 0..MAX_DECLARATOR_DEPTH {
        if !current.kind().ends_with("declarator") {
            return Some(current);
        }
        // a parenthesized declarator, `(*f)`, has its inner declarator as its only named child
        current = tree
            .field(current, "declarator")
            .or_else(|| tree.children(current).into_iter().next())?;
    }
    None
}

/// The innermost type of a scope inside a type ("Cart" of "shop.Cart."), or "".
fn enclosing_type(scope: &Scope) -> &str {
    if !scope.in_type {
        return "";
    }
    let prefix = scope.prefix.strip_suffix('.').unwrap_or(&scope.prefix);
    prefix.rsplit('.').next().unwrap_or(prefix)
}

/// `A::B::f` as `A.B.f`.
fn dotted(name: &str) -> String {
    name.replace("::", ".")
}
