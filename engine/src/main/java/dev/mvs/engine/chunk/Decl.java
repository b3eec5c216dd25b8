package dev.mvs.engine.chunk;

import org.treesitter.TSNode;

/**
 * A declaration: rows {@code start..end} (0-based, inclusive), and for a container the node holding
 * its members and the scope they are in.
 */
record Decl(int start, int end, String kind, String symbol, TSNode body, Scope members) {

    Decl withRange(int newStart, int newEnd) {
        return new Decl(newStart, newEnd, kind, symbol, body, members);
    }
}
