//! PHP: classes, interfaces, traits and enums hold methods (`__construct` is the constructor);
//! functions outside them are functions. A braced `namespace A\B { }` holds its declarations, an
//! unbraced `namespace A\B;` qualifies the declarations after it; either way as `A.B`. The
//! `<?php` tag and inline HTML are lines outside any declaration.

use tree_sitter::{Language, Node};

use super::{Decl, LanguageRules, Scope, SyntaxTree};

pub struct Php;

impl LanguageRules for Php {
    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_php::LANGUAGE_PHP.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        match node.kind() {
            "class_declaration" => tree.type_decl(node, "class", &file_scope(node, scope, tree)),
            "interface_declaration" => tree.type_decl(node, "interface", &file_scope(node, scope, tree)),
            "trait_declaration" => tree.type_decl(node, "trait", &file_scope(node, scope, tree)),
            "enum_declaration" => tree.type_decl(node, "enum", &file_scope(node, scope, tree)),
            "function_definition" => {
                let symbol = file_scope(node, scope, tree).qualify(&tree.name(node));
                tree.leaf(node, "function", symbol)
            }
            "method_declaration" => {
                let name = tree.name(node);
                let kind = if name.eq_ignore_ascii_case("__construct") {
                    "constructor"
                } else {
                    "method"
                };
                tree.leaf(node, kind, scope.qualify(&name))
            }
            "namespace_definition" => {
                let body = tree.field(node, "body")?; // `namespace A;` is not a container
                let symbol = scope.qualify(&namespace_name(node, tree));
                let members = Scope::inside(&symbol, false);
                Some(tree.container(node, "namespace", symbol, Some(body), members))
            }
            _ => None,
        }
    }
}

/// `App\Shop` as `App.Shop`.
fn namespace_name(node: Node, tree: &SyntaxTree) -> String {
    tree.name(node).trim_start_matches('\\').replace('\\', ".")
}

/// `scope`, or for a top-level declaration after `namespace A;` the scope inside A.
fn file_scope(node: Node, scope: &Scope, tree: &SyntaxTree) -> Scope {
    if !scope.prefix.is_empty() {
        return scope.clone();
    }
    let mut sibling = node.prev_named_sibling();
    while let Some(previous) = sibling {
        if previous.kind() == "namespace_definition" && tree.field(previous, "body").is_none() {
            return Scope::inside(&namespace_name(previous, tree), false);
        }
        sibling = previous.prev_named_sibling();
    }
    scope.clone()
}
