package dev.mvs.engine.chunk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

/**
 * One parsed file as {@link LanguageRules} see it: the nodes' text and rows, and the builders of
 * declarations. Lives as long as its tree (one {@link TreeSitterChunker#chunk} call).
 */
final class SyntaxTree {

    private final LanguageRules rules;
    private final List<String> lines;
    private final byte[] utf8;

    SyntaxTree(LanguageRules rules, List<String> lines, byte[] utf8) {
        this.rules = rules;
        this.lines = lines;
        this.utf8 = utf8;
    }

    /** The declaration {@code node} stands for, by the language's rules, or null. */
    Decl declaration(TSNode node, Scope scope) {
        return rules.declaration(node, scope, this);
    }

    /** Named children, with Java's enum_body_declarations opened up (the members of an enum sit there). */
    List<TSNode> children(TSNode parent) {
        List<TSNode> children = new ArrayList<>();
        try (TSTreeCursor cursor = new TSTreeCursor(parent)) {
            if (cursor.gotoFirstChild()) {
                do {
                    TSNode node = cursor.currentNode();
                    if (!node.isNamed()) {
                        continue;
                    }
                    if (node.getType().equals("enum_body_declarations")) {
                        children.addAll(children(node));
                    } else {
                        children.add(node);
                    }
                } while (cursor.gotoNextSibling());
            }
        }
        return children;
    }

    /** A class-like container: its members are methods qualified by its name. */
    Decl typeDecl(TSNode node, String kind, Scope scope) {
        String symbol = scope.qualify(name(node));
        return container(node, kind, symbol, field(node, "body"), new Scope(symbol + ".", true));
    }

    Decl container(TSNode node, String kind, String symbol, TSNode body, Scope members) {
        return new Decl(startRow(node), endRow(node), kind, symbol, body, members);
    }

    Decl leaf(TSNode node, String kind, String symbol) {
        return new Decl(startRow(node), endRow(node), kind, symbol, null, null);
    }

    /** The declaration {@code inner} stands for, over the lines of {@code outer} (decorators, "export"). */
    Decl wrap(TSNode outer, TSNode inner, Scope scope) {
        Decl decl = inner == null ? null : rules.declaration(inner, scope, this);
        return decl == null ? null : decl.withRange(Math.min(startRow(outer), decl.start()), Math.max(endRow(outer), decl.end()));
    }

    String name(TSNode node) {
        TSNode name = field(node, "name");
        return name == null ? "(anonymous)" : text(name);
    }

    /** {@code Wrapper<T>}, {@code *Point}, {@code fmt::Formatter}, {@code &mut Foo}: the bare type name. */
    String simpleTypeName(TSNode node) {
        for (int depth = 0; node != null && depth < 8; depth++) {
            if (node.getType().endsWith("identifier")) {
                return text(node);
            }
            TSNode next = field(node, "type");
            if (next == null) {
                next = field(node, "name");
            }
            if (next == null) {
                List<TSNode> children = children(node);
                next = children.isEmpty() ? null : children.getLast();
            }
            if (next == null) {
                return text(node).strip();
            }
            node = next;
        }
        return node == null ? "" : text(node).strip();
    }

    TSNode field(TSNode node, String name) {
        TSNode child = node.getChildByFieldName(name);
        return child == null || child.isNull() ? null : child;
    }

    String text(TSNode node) {
        int start = Math.max(0, Math.min(node.getStartByte(), utf8.length));
        int end = Math.max(start, Math.min(node.getEndByte(), utf8.length));
        return new String(utf8, start, end - start, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    }

    int startRow(TSNode node) {
        return Math.min(node.getStartPoint().getRow(), lines.size() - 1);
    }

    /** The row of the node's last character (a node that ends with its newline ends on the row before). */
    int endRow(TSNode node) {
        var end = node.getEndPoint();
        int row = end.getColumn() == 0 && end.getRow() > startRow(node) ? end.getRow() - 1 : end.getRow();
        return Math.max(startRow(node), Math.min(row, lines.size() - 1));
    }
}
