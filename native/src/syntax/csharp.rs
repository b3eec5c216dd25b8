//! C#: namespaces (block and file-scoped) hold classes, interfaces, structs, records and enums,
//! which hold methods, constructors, destructors (`Cart.~Cart`), properties and operators
//! (`Cart.operator +`). A file-scoped `namespace N;` qualifies the declarations after it.

use tree_sitter::{Language, Node};

use super::{skim, Decl, LanguageRules, Scope, Skimmer, SyntaxTree};

pub struct CSharp;

impl LanguageRules for CSharp {
    fn skimmer(&self) -> Skimmer {
        Skimmer::Braces(skim::Braces {
            type_words: &["class", "struct", "interface", "record", "enum", "namespace"],
            preprocessor: true,
            verbatim_strings: true,
            triple_quotes: true,
            ..skim::C_LIKE
        })
    }

    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_c_sharp::LANGUAGE.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        let member = |kind, name: &str| tree.leaf(node, kind, scope.qualify(name));
        match node.kind() {
            "class_declaration" => type_decl(node, "class", scope, tree),
            "interface_declaration" => type_decl(node, "interface", scope, tree),
            "struct_declaration" => type_decl(node, "struct", scope, tree),
            "record_declaration" => type_decl(node, "record", scope, tree),
            "enum_declaration" => type_decl(node, "enum", scope, tree),
            "namespace_declaration" => {
                let symbol = file_scope(node, scope, tree).qualify(&tree.name(node));
                let members = Scope::inside(&symbol, false);
                Some(tree.container(node, "namespace", symbol, tree.field(node, "body"), members))
            }
            "method_declaration" => member("method", &tree.name(node)),
            "constructor_declaration" => member("constructor", &tree.name(node)),
            "destructor_declaration" => member("method", &format!("~{}", tree.name(node))),
            "property_declaration" => member("property", &tree.name(node)),
            "operator_declaration" => {
                let operator = tree.field(node, "operator").map(|o| tree.text(o)).unwrap_or_default();
                member("method", &format!("operator {operator}"))
            }
            _ => None,
        }
    }
}

fn type_decl<'t>(node: Node<'t>, kind: &'static str, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
    tree.type_decl(node, kind, &file_scope(node, scope, tree))
}

/// `scope`, or for a top-level declaration after `namespace N;` the scope inside N.
fn file_scope(node: Node, scope: &Scope, tree: &SyntaxTree) -> Scope {
    if !scope.prefix.is_empty() {
        return scope.clone();
    }
    let mut sibling = node.prev_named_sibling();
    while let Some(previous) = sibling {
        if previous.kind() == "file_scoped_namespace_declaration" {
            return Scope::inside(&tree.name(previous), false);
        }
        sibling = previous.prev_named_sibling();
    }
    scope.clone()
}
