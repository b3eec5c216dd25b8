//! Ruby: classes and modules (`class A::B` is `A.B`) hold methods, singleton methods
//! (`def self.f`) and `initialize`, the constructor; `def` outside them is a function.

use tree_sitter::{Language, Node};

use super::{Decl, LanguageRules, Scope, SyntaxTree};

pub struct Ruby;

impl LanguageRules for Ruby {
    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_ruby::LANGUAGE.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        match node.kind() {
            "class" => namespace(node, "class", scope, tree),
            "module" => namespace(node, "module", scope, tree),
            "method" => {
                let name = tree.name(node);
                let kind = if scope.in_type && name == "initialize" {
                    "constructor"
                } else {
                    scope.function_kind()
                };
                tree.leaf(node, kind, scope.qualify(&name))
            }
            "singleton_method" => tree.leaf(node, "method", scope.qualify(&tree.name(node))),
            _ => None,
        }
    }
}

/// A class or module. Its members are read from the node itself (its body_statement is transparent
/// to `SyntaxTree::children`): the grammar puts a comment above the first member outside the body.
fn namespace<'t>(node: Node<'t>, kind: &'static str, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
    let symbol = scope.qualify(&tree.name(node).replace("::", "."));
    Some(tree.container(node, kind, symbol.clone(), Some(node), Scope::inside(&symbol, true)))
}
