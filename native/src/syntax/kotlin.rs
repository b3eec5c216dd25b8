//! Kotlin: classes, interfaces, enum classes, objects and companion objects hold functions and
//! secondary constructors (`Cart.constructor`). A class body is a child, not a field, in this grammar.

use tree_sitter::{Language, Node};

use super::{skim, Decl, LanguageRules, Scope, Skimmer, SyntaxTree};

pub struct Kotlin;

impl LanguageRules for Kotlin {
    fn skimmer(&self) -> Skimmer {
        Skimmer::Braces(skim::Braces {
            function_words: &["fun", "init", "constructor", "get", "set"],
            paren_headers: false,
            type_words: &["class", "object", "interface"],
            triple_quotes: true,
            nested_comments: true,
            semicolons: false,
            import_words: &["package", "import"],
            ..skim::C_LIKE
        })
    }

    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_kotlin_ng::LANGUAGE.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        match node.kind() {
            "class_declaration" => object(node, class_kind(node, tree), tree.name(node), scope, tree),
            "object_declaration" => object(node, "object", tree.name(node), scope, tree),
            "companion_object" => {
                // an unnamed companion is `Companion` to Kotlin too
                let name = tree.field(node, "name").map_or_else(|| "Companion".to_string(), |n| tree.text(n));
                object(node, "object", name, scope, tree)
            }
            "function_declaration" => tree.leaf(node, scope.function_kind(), scope.qualify(&tree.name(node))),
            "secondary_constructor" => tree.leaf(node, "constructor", scope.qualify("constructor")),
            _ => None,
        }
    }
}

/// `interface I`, `enum class E` and every other class (data, sealed, value, annotation).
fn class_kind(node: Node, tree: &SyntaxTree) -> &'static str {
    let mut cursor = node.walk();
    if node.children(&mut cursor).any(|c| c.kind() == "interface") {
        return "interface";
    }
    let enum_modifier = tree
        .children_of_kind(node, &["modifiers"])
        .into_iter()
        .flat_map(|m| tree.children_of_kind(m, &["class_modifier"]))
        .any(|m| tree.text(m) == "enum");
    if enum_modifier {
        "enum"
    } else {
        "class"
    }
}

fn object<'t>(node: Node<'t>, kind: &'static str, name: String, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
    let symbol = scope.qualify(&name);
    let body = tree.children_of_kind(node, &["class_body", "enum_class_body"]).into_iter().next();
    Some(tree.container(node, kind, symbol.clone(), body, Scope::inside(&symbol, true)))
}
