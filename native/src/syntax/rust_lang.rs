//! Rust: functions, structs, enums, unions, macros, traits, impls (methods named by their type)
//! and inline modules.

use tree_sitter::{Language, Node};

use super::{skim, Decl, LanguageRules, Scope, Skimmer, SyntaxTree};

pub struct Rust;

impl LanguageRules for Rust {
    fn skimmer(&self) -> Skimmer {
        Skimmer::Braces(skim::Braces {
            function_words: &["fn"],
            paren_headers: false,
            rust_strings: true,
            nested_comments: true,
            import_words: &["use", "extern"],
            import_prefixes: &["pub"],
            doc_line_blocks: true,
            signatures: true,
            ..skim::C_LIKE
        })
    }

    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_rust::LANGUAGE.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        let named = |kind| tree.leaf(node, kind, scope.qualify(&tree.name(node)));
        match node.kind() {
            "function_item" => named(scope.function_kind()),
            "struct_item" => named("struct"),
            "enum_item" => named("enum"),
            "union_item" => named("union"),
            "macro_definition" => named("macro"),
            "trait_item" => tree.type_decl(node, "trait", scope),
            "impl_item" => {
                // impl<T> Display for Wrapper<T>: methods are Wrapper.fmt
                let owner = scope.qualify(&tree.simple_type_name(tree.field(node, "type")));
                let members = Scope::inside(&owner, true);
                Some(tree.container(node, "impl", owner, tree.field(node, "body"), members))
            }
            "mod_item" => {
                let body = tree.field(node, "body")?;
                let name = scope.qualify(&tree.name(node));
                let members = Scope::inside(&name, false);
                Some(tree.container(node, "module", name, Some(body), members))
            }
            _ => None,
        }
    }
}
