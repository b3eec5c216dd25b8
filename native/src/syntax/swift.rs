//! Swift: classes, structs, enums, actors and extensions (one node kind, told apart by their
//! keyword) and protocols hold methods, `init` (the constructor) and `deinit`; functions outside
//! them are functions. An extension is named by the type it extends; a protocol is an interface,
//! an actor a class.

use tree_sitter::{Language, Node};

use super::{skim, Decl, LanguageRules, Scope, Skimmer, SyntaxTree};

pub struct Swift;

impl LanguageRules for Swift {
    fn skimmer(&self) -> Skimmer {
        Skimmer::Braces(skim::Braces {
            function_words: &["func", "init", "deinit", "subscript"],
            paren_headers: false,
            type_words: &["class", "struct", "enum", "protocol", "extension", "actor"],
            triple_quotes: true,
            nested_comments: true,
            semicolons: false,
            import_words: &["import"],
            ..skim::C_LIKE
        })
    }

    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_swift::LANGUAGE.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        match node.kind() {
            "class_declaration" => {
                let kind = match tree.field(node, "declaration_kind")?.kind() {
                    "struct" => "struct",
                    "enum" => "enum",
                    "extension" => "extension",
                    _ => "class", // class, actor
                };
                let symbol = scope.qualify(&tree.simple_type_name(tree.field(node, "name")));
                let members = Scope::inside(&symbol, true);
                Some(tree.container(node, kind, symbol, tree.field(node, "body"), members))
            }
            "protocol_declaration" => tree.type_decl(node, "interface", scope),
            "function_declaration" | "protocol_function_declaration" => {
                let name = tree.field(node, "name").map(|n| tree.text(n)).unwrap_or_default();
                tree.leaf(node, scope.function_kind(), scope.qualify(&name))
            }
            "init_declaration" => tree.leaf(node, "constructor", scope.qualify("init")),
            "deinit_declaration" => tree.leaf(node, "method", scope.qualify("deinit")),
            _ => None,
        }
    }
}
