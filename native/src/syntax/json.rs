//! JSON: each pair of the top-level object is a "key" chunk named by its key; a pair whose value
//! is an object is a container of the keys inside it (`outer.inner`), so a large value is cut by its
//! keys. Arrays are not looked into.

use tree_sitter::{Language, Node};

use super::{Decl, LanguageRules, Scope, SyntaxTree};

pub struct Json;

impl LanguageRules for Json {
    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_json::LANGUAGE.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        if node.kind() != "pair" {
            return None;
        }
        let key = tree.field(node, "key")?;
        let symbol = scope.qualify(tree.text(key).trim_matches('"'));
        match tree.field(node, "value") {
            Some(value) if value.kind() == "object" => {
                let members = Scope::inside(&symbol, false);
                Some(tree.container(node, "key", symbol, Some(value), members))
            }
            _ => tree.leaf(node, "key", symbol),
        }
    }
}
