//! Python: classes hold methods; decorators belong to the definition below them.

use tree_sitter::{Language, Node};

use super::{Decl, LanguageRules, Scope, Skimmer, SyntaxTree};

pub struct Python;

impl LanguageRules for Python {
    fn skimmer(&self) -> Skimmer {
        Skimmer::Indentation
    }

    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_python::LANGUAGE.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        match node.kind() {
            "class_definition" => tree.type_decl(node, "class", scope),
            "function_definition" => tree.leaf(node, scope.function_kind(), scope.qualify(&tree.name(node))),
            "decorated_definition" => tree.wrap(node, tree.field(node, "definition"), scope),
            _ => None,
        }
    }
}
