package dev.mvs.engine.chunk;

import java.util.Set;

import org.treesitter.TSLanguage;
import org.treesitter.TSNode;

/** Python: classes hold methods; decorators belong to the definition below them. */
final class PythonRules implements LanguageRules {

    @Override
    public Set<String> languages() {
        return Set.of("python");
    }

    @Override
    public TSLanguage grammar(String path, String language) {
        return Grammars.python();
    }

    @Override
    public Decl declaration(TSNode node, Scope scope, SyntaxTree tree) {
        String type = node.getType();
        return switch (type) {
            case "class_definition" -> tree.typeDecl(node, "class", scope);
            case "function_definition" -> tree.leaf(node, scope.functionKind(), scope.qualify(tree.name(node)));
            case "decorated_definition" -> tree.wrap(node, tree.field(node, "definition"), scope);
            default -> null;
        };
    }
}
