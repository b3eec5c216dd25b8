package dev.mvs.engine.chunk;

import java.util.Set;

import org.treesitter.TSLanguage;
import org.treesitter.TSNode;

/** Rust: functions, structs, enums, unions, macros, traits, impls (methods named by their type) and inline modules. */
final class RustRules implements LanguageRules {

    @Override
    public Set<String> languages() {
        return Set.of("rust");
    }

    @Override
    public TSLanguage grammar(String path, String language) {
        return Grammars.rust();
    }

    @Override
    public Decl declaration(TSNode node, Scope scope, SyntaxTree tree) {
        String type = node.getType();
        return switch (type) {
            case "function_item" -> tree.leaf(node, scope.functionKind(), scope.qualify(tree.name(node)));
            case "struct_item" -> tree.leaf(node, "struct", scope.qualify(tree.name(node)));
            case "enum_item" -> tree.leaf(node, "enum", scope.qualify(tree.name(node)));
            case "union_item" -> tree.leaf(node, "union", scope.qualify(tree.name(node)));
            case "macro_definition" -> tree.leaf(node, "macro", scope.qualify(tree.name(node)));
            case "trait_item" -> tree.typeDecl(node, "trait", scope);
            case "impl_item" -> {
                // impl<T> Display for Wrapper<T>: methods are Wrapper.fmt
                String owner = scope.qualify(tree.simpleTypeName(tree.field(node, "type")));
                yield tree.container(node, "impl", owner, tree.field(node, "body"), new Scope(owner + ".", true));
            }
            case "mod_item" -> {
                TSNode body = tree.field(node, "body");
                String name = scope.qualify(tree.name(node));
                yield body == null ? null : tree.container(node, "module", name, body, new Scope(name + ".", false));
            }
            default -> null;
        };
    }
}
