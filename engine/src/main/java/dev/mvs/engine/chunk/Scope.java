package dev.mvs.engine.chunk;

/**
 * Where declarations are found: {@code prefix} qualifies their names; inside a type, functions are methods.
 */
record Scope(String prefix, boolean inType) {

    static final Scope TOP = new Scope("", false);

    String qualify(String name) {
        return prefix + name;
    }

    String functionKind() {
        return inType ? "method" : "function";
    }
}
