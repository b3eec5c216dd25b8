//! Go: functions, methods (named by their receiver type) and type declarations.

use tree_sitter::{Language, Node};

use super::{skim, Decl, LanguageRules, Scope, Skimmer, SyntaxTree};

pub struct Go;

impl LanguageRules for Go {
    fn skimmer(&self) -> Skimmer {
        Skimmer::Braces(skim::Braces {
            function_words: &["func"],
            // `map[K]struct{}`, `interface{}` in a header are types, not a body
            type_words: &["struct", "interface"],
            paren_headers: false,
            backticks: skim::Backticks::Raw,
            semicolons: false,
            import_words: &["package", "import"],
            signatures: true,
            literal_words: &["var", "const"],
            ..skim::C_LIKE
        })
    }

    fn grammar(&self, _path: &str) -> Language {
        tree_sitter_go::LANGUAGE.into()
    }

    fn declaration<'t>(&self, node: Node<'t>, scope: &Scope, tree: &SyntaxTree<'t, '_>) -> Option<Decl<'t>> {
        match node.kind() {
            "function_declaration" => tree.leaf(node, "function", scope.qualify(&tree.name(node))),
            "method_declaration" => {
                // func (p *Point) Dist(...): Point.Dist
                let params = tree
                    .field(node, "receiver")
                    .map(|r| tree.children_of_kind(r, &["parameter_declaration"]));
                let owner = match params.as_deref() {
                    Some([first, ..]) => tree.simple_type_name(tree.field(*first, "type")),
                    _ => String::new(),
                };
                let name = tree.name(node);
                let symbol = if owner.is_empty() { name } else { format!("{owner}.{name}") };
                tree.leaf(node, "method", scope.qualify(&symbol))
            }
            "type_declaration" => {
                // type Point struct {...}; a group type ( A ...; B ... ) is named after its first type
                let specs = tree.children_of_kind(node, &["type_spec", "type_alias"]);
                let spec = *specs.first()?;
                let kind = match tree.field(spec, "type").map(|t| t.kind()) {
                    Some("struct_type") if specs.len() == 1 => "struct",
                    Some("interface_type") if specs.len() == 1 => "interface",
                    _ => "type",
                };
                tree.leaf(node, kind, scope.qualify(&tree.name(spec)))
            }
            _ => None,
        }
    }
}
