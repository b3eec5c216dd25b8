//! Java: classes, interfaces, enums, records and annotation types hold methods and constructors.

use tree_sitter::{Language, Node};

use super::{skim, Decl, LanguageRules, Scope, Skimmer, SyntaxTree};

pub struct Java;

impl LanguageRules for Java {
    fn skimmer(&self) -> Skimmer {
        Skimmer::Braces(skim::Braces {
            type_words: &["class", "interface", "enum", "record"],
            triple_quotes: true,
            import_words: &["package", "import"],
            ..skim::C_LIKE
        })
    }

    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_java::LANGUAGE.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        match node.kind() {
            "class_declaration" => tree.type_decl(node, "class", scope),
            "interface_declaration" => tree.type_decl(node, "interface", scope),
            "enum_declaration" => tree.type_decl(node, "enum", scope),
            "record_declaration" => tree.type_decl(node, "record", scope),
            "annotation_type_declaration" => tree.type_decl(node, "annotation", scope),
            "method_declaration" => tree.leaf(node, "method", scope.qualify(&tree.name(node))),
            "constructor_declaration" | "compact_constructor_declaration" => {
                tree.leaf(node, "constructor", scope.qualify(&tree.name(node)))
            }
            _ => None,
        }
    }
}
