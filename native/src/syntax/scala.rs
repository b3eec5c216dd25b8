//! Scala: packages with a block, classes, objects, traits and enums (their members in a template body) hold methods;
//! top-level functions (Scala 3) are functions.

use tree_sitter::{Language, Node};

use super::{skim, Decl, LanguageRules, Scope, Skimmer, SyntaxTree};

pub struct Scala;

impl LanguageRules for Scala {
    fn skimmer(&self) -> Skimmer {
        Skimmer::Braces(skim::Braces {
            function_words: &["def"],
            paren_headers: false,
            type_words: &["class", "object", "trait", "enum"],
            triple_quotes: true,
            nested_comments: true,
            semicolons: false,
            import_words: &["package", "import"],
            ..skim::C_LIKE
        })
    }

    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_scala::LANGUAGE.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        match node.kind() {
            "class_definition" => tree.type_decl(node, "class", scope),
            "object_definition" => tree.type_decl(node, "object", scope),
            "trait_definition" => tree.type_decl(node, "trait", scope),
            "enum_definition" => tree.type_decl(node, "enum", scope),
            // `package shop { ... }` holds declarations (`package shop` alone is imports)
            "package_clause" if tree.field(node, "body").is_some() => {
                let symbol = scope.qualify(&tree.name(node));
                let members = Scope::inside(&symbol, false);
                Some(tree.container(node, "namespace", symbol, tree.field(node, "body"), members))
            }
            // a declaration is an abstract member: `def price: Double`
            "function_definition" | "function_declaration" => tree.leaf(node, scope.function_kind(), scope.qualify(&tree.name(node))),
            _ => None,
        }
    }
}
