package dev.mvs.engine.chunk;

import java.util.List;
import java.util.Set;

import org.treesitter.TSLanguage;
import org.treesitter.TSNode;

/** Go: functions, methods (named by their receiver type) and type declarations. */
final class GoRules implements LanguageRules {

    @Override
    public Set<String> languages() {
        return Set.of("go");
    }

    @Override
    public TSLanguage grammar(String path, String language) {
        return Grammars.go();
    }

    @Override
    public Decl declaration(TSNode node, Scope scope, SyntaxTree tree) {
        String type = node.getType();
        return switch (type) {
            case "function_declaration" -> tree.leaf(node, "function", scope.qualify(tree.name(node)));
            case "method_declaration" -> {
                // func (p *Point) Dist(...): Point.Dist
                TSNode receiver = tree.field(node, "receiver");
                List<TSNode> params = receiver == null ? List.of() : tree.children(receiver).stream()
                        .filter(child -> child.getType().equals("parameter_declaration")).toList();
                String owner = params.isEmpty() ? "" : tree.simpleTypeName(tree.field(params.getFirst(), "type"));
                yield tree.leaf(node, "method", scope.qualify(owner.isEmpty() ? tree.name(node) : owner + "." + tree.name(node)));
            }
            case "type_declaration" -> {
                // type Point struct {...}; a group type ( A ...; B ... ) is named after its first type
                List<TSNode> specs = tree.children(node).stream()
                        .filter(child -> child.getType().equals("type_spec") || child.getType().equals("type_alias"))
                        .toList();
                if (specs.isEmpty()) {
                    yield null;
                }
                TSNode spec = specs.getFirst();
                TSNode declared = tree.field(spec, "type");
                String kind = specs.size() > 1 || declared == null ? "type" : switch (declared.getType()) {
                    case "struct_type" -> "struct";
                    case "interface_type" -> "interface";
                    default -> "type";
                };
                yield tree.leaf(node, kind, scope.qualify(tree.name(spec)));
            }
            default -> null;
        };
    }
}
