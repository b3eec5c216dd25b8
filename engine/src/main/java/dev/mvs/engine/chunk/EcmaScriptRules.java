package dev.mvs.engine.chunk;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.treesitter.TSLanguage;
import org.treesitter.TSNode;

/** JavaScript, TypeScript and TSX (one grammar each, the same node types): classes, functions, arrow functions bound to names, namespaces. */
final class EcmaScriptRules implements LanguageRules {

    private static final Set<String> FUNCTION_VALUES = Set.of("arrow_function", "function_expression", "function", "generator_function");

    @Override
    public Set<String> languages() {
        return Set.of("typescript", "javascript");
    }

    @Override
    public TSLanguage grammar(String path, String language) {
        if (language.equals("javascript")) {
            return Grammars.javascript(); // JSX included
        }
        return path.toLowerCase(Locale.ROOT).endsWith(".tsx") ? Grammars.tsx() : Grammars.typescript();
    }

    /** JavaScript, TypeScript and TSX share these node types. */
    @Override
    public Decl declaration(TSNode node, Scope scope, SyntaxTree tree) {
        String type = node.getType();
        return switch (type) {
            case "class_declaration", "abstract_class_declaration", "class" -> tree.typeDecl(node, "class", scope);
            case "function_declaration", "generator_function_declaration" ->
                    tree.leaf(node, scope.functionKind(), scope.qualify(tree.name(node)));
            case "method_definition", "abstract_method_signature" -> tree.leaf(node, "method", scope.qualify(tree.name(node)));
            case "field_definition", "public_field_definition" -> {
                // handler = () => { ... }
                TSNode value = tree.field(node, "value");
                TSNode name = tree.field(node, type.equals("field_definition") ? "property" : "name");
                yield value != null && name != null && FUNCTION_VALUES.contains(value.getType())
                        ? tree.leaf(node, "method", scope.qualify(tree.text(name))) : null;
            }
            case "lexical_declaration", "variable_declaration" -> variable(node, scope, tree);
            case "interface_declaration" -> tree.leaf(node, "interface", scope.qualify(tree.name(node)));
            case "type_alias_declaration" -> tree.leaf(node, "type", scope.qualify(tree.name(node)));
            case "enum_declaration" -> tree.leaf(node, "enum", scope.qualify(tree.name(node)));
            case "internal_module", "module" -> {
                String name = tree.name(node);
                yield tree.container(node, "namespace", scope.qualify(name), tree.field(node, "body"),
                        new Scope(scope.qualify(name) + ".", false));
            }
            case "export_statement" -> {
                TSNode inner = tree.field(node, "declaration");
                yield tree.wrap(node, inner != null ? inner : tree.field(node, "value"), scope);
            }
            case "ambient_declaration", "expression_statement" -> {
                // declare module "m" { ... }; namespace N { ... } (an expression statement);
                // Foo.prototype.bar = function () { ... }
                List<TSNode> inner = tree.children(node);
                if (inner.size() != 1) {
                    yield null;
                }
                TSNode only = inner.getFirst();
                if (type.equals("ambient_declaration") || only.getType().equals("internal_module")) {
                    yield tree.wrap(node, only, scope);
                }
                TSNode left = only.getType().equals("assignment_expression") ? tree.field(only, "left") : null;
                TSNode right = left == null ? null : tree.field(only, "right");
                yield right != null && FUNCTION_VALUES.contains(right.getType())
                        ? tree.leaf(node, scope.functionKind(), scope.qualify(tree.text(left))) : null;
            }
            default -> null;
        };
    }

    /** {@code const f = () => ...}, {@code const C = class { ... }}: one declarator only. */
    private Decl variable(TSNode node, Scope scope, SyntaxTree tree) {
        List<TSNode> declarators = tree.children(node).stream()
                .filter(child -> child.getType().equals("variable_declarator")).toList();
        if (declarators.size() != 1) {
            return null;
        }
        TSNode name = tree.field(declarators.getFirst(), "name");
        TSNode value = tree.field(declarators.getFirst(), "value");
        if (name == null || value == null || !name.getType().equals("identifier")) {
            return null;
        }
        String symbol = scope.qualify(tree.text(name));
        if (FUNCTION_VALUES.contains(value.getType())) {
            return tree.leaf(node, scope.functionKind(), symbol);
        }
        if (value.getType().equals("class")) {
            return tree.container(node, "class", symbol, tree.field(value, "body"), new Scope(symbol + ".", true));
        }
        return null;
    }
}
