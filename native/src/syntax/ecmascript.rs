//! JavaScript, TypeScript and TSX (one grammar each, the same node types): classes, functions,
//! arrow functions bound to names, interfaces, types, enums and namespaces.

use tree_sitter::{Language, Node};

use super::{skim, Decl, LanguageRules, Scope, Skimmer, SyntaxTree};

/// `javascript` (JSX included) or `typescript` (".tsx" files with the TSX grammar).
pub struct EcmaScript {
    pub typescript: bool,
}

const FUNCTION_VALUES: &[&str] = &["arrow_function", "function_expression", "function", "generator_function"];

impl LanguageRules for EcmaScript {
    fn skimmer(&self) -> Skimmer {
        Skimmer::Braces(skim::Braces {
            function_words: &["function"],
            type_words: &["class", "interface", "enum", "namespace", "module"],
            single_quote: skim::SingleQuote::String,
            backticks: skim::Backticks::Escaped,
            semicolons: false,
            ..skim::C_LIKE
        })
    }

    fn grammar(&self, path: &str) -> Language {
        if !self.typescript {
            tree_sitter_javascript::LANGUAGE.into()
        } else if path.to_ascii_lowercase().ends_with(".tsx") {
            tree_sitter_typescript::LANGUAGE_TSX.into()
        } else {
            tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()
        }
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        let named = |kind| tree.leaf(node, kind, scope.qualify(&tree.name(node)));
        let kind = node.kind();
        match kind {
            "class_declaration" | "abstract_class_declaration" | "class" => tree.type_decl(node, "class", scope),
            "function_declaration" | "generator_function_declaration" => named(scope.function_kind()),
            "method_definition" | "abstract_method_signature" => named("method"),
            "field_definition" | "public_field_definition" => {
                // handler = () => { ... }
                let value = tree.field(node, "value")?;
                let name = tree.field(node, if kind == "field_definition" { "property" } else { "name" })?;
                if FUNCTION_VALUES.contains(&value.kind()) {
                    tree.leaf(node, "method", scope.qualify(&tree.text(name)))
                } else {
                    None
                }
            }
            "lexical_declaration" | "variable_declaration" => variable(node, scope, tree),
            "interface_declaration" => named("interface"),
            "type_alias_declaration" => named("type"),
            "enum_declaration" => named("enum"),
            "internal_module" | "module" => {
                let symbol = scope.qualify(&tree.name(node));
                let members = Scope::inside(&symbol, false);
                Some(tree.container(node, "namespace", symbol, tree.field(node, "body"), members))
            }
            "export_statement" => {
                let inner = tree.field(node, "declaration").or_else(|| tree.field(node, "value"));
                tree.wrap(node, inner, scope)
            }
            "ambient_declaration" | "expression_statement" => {
                // declare module "m" { ... }; namespace N { ... } (an expression statement);
                // Foo.prototype.bar = function () { ... }
                let inner = tree.children(node);
                let [only] = inner.as_slice() else {
                    return None;
                };
                if kind == "ambient_declaration" || only.kind() == "internal_module" {
                    return tree.wrap(node, Some(*only), scope);
                }
                if only.kind() != "assignment_expression" {
                    return None;
                }
                let left = tree.field(*only, "left")?;
                let right = tree.field(*only, "right")?;
                if FUNCTION_VALUES.contains(&right.kind()) {
                    tree.leaf(node, scope.function_kind(), scope.qualify(&tree.text(left)))
                } else {
                    None
                }
            }
            _ => None,
        }
    }
}

/// `const f = () => ...`, `const C = class { ... }`: one declarator only.
fn variable<'t>(node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
    let declarators = tree.children_of_kind(node, &["variable_declarator"]);
    let [declarator] = declarators.as_slice() else {
        return None;
    };
    let name = tree.field(*declarator, "name")?;
    let value = tree.field(*declarator, "value")?;
    if name.kind() != "identifier" {
        return None;
    }
    let symbol = scope.qualify(&tree.text(name));
    if FUNCTION_VALUES.contains(&value.kind()) {
        tree.leaf(node, scope.function_kind(), symbol)
    } else if value.kind() == "class" {
        let members = Scope::inside(&symbol, true);
        Some(tree.container(node, "class", symbol, tree.field(value, "body"), members))
    } else {
        None
    }
}
