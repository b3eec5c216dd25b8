//! Shell (the bash grammar): function definitions, `f() { ... }` and `function f { ... }`.

use tree_sitter::{Language, Node};

use super::{Decl, LanguageRules, Scope, SyntaxTree};

pub struct Shell;

impl LanguageRules for Shell {
    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_bash::LANGUAGE.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        match node.kind() {
            "function_definition" => tree.leaf(node, "function", scope.qualify(&tree.name(node))),
            _ => None,
        }
    }
}
