package dev.mvs.engine.chunk;

import java.util.Set;

import org.treesitter.TSLanguage;
import org.treesitter.TSNode;

/** Java: classes, interfaces, enums, records and annotation types hold methods and constructors. */
final class JavaRules implements LanguageRules {

    @Override
    public Set<String> languages() {
        return Set.of("java");
    }

    @Override
    public TSLanguage grammar(String path, String language) {
        return Grammars.java();
    }

    @Override
    public Decl declaration(TSNode node, Scope scope, SyntaxTree tree) {
        String type = node.getType();
        return switch (type) {
            case "class_declaration" -> tree.typeDecl(node, "class", scope);
            case "interface_declaration" -> tree.typeDecl(node, "interface", scope);
            case "enum_declaration" -> tree.typeDecl(node, "enum", scope);
            case "record_declaration" -> tree.typeDecl(node, "record", scope);
            case "annotation_type_declaration" -> tree.typeDecl(node, "annotation", scope);
            case "method_declaration" -> tree.leaf(node, "method", scope.qualify(tree.name(node)));
            case "constructor_declaration", "compact_constructor_declaration" ->
                    tree.leaf(node, "constructor", scope.qualify(tree.name(node)));
            default -> null;
        };
    }
}
