package dev.mvs.engine.chunk;

import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterTsx;
import org.treesitter.TreeSitterTypescript;

/**
 * The tree-sitter grammars, each loaded on first use, once per JVM (one holder class per grammar, so a
 * JVM that sees only Java files never loads the Rust library; class initialisation is thread-safe and
 * the grammars are immutable after).
 */
final class Grammars {

    private Grammars() {}

    static TSLanguage java() {
        return Java.LANGUAGE;
    }

    static TSLanguage python() {
        return Python.LANGUAGE;
    }

    static TSLanguage typescript() {
        return Typescript.LANGUAGE;
    }

    static TSLanguage tsx() {
        return Tsx.LANGUAGE;
    }

    static TSLanguage javascript() {
        return Javascript.LANGUAGE;
    }

    static TSLanguage go() {
        return Go.LANGUAGE;
    }

    static TSLanguage rust() {
        return Rust.LANGUAGE;
    }

    private static final class Java { static final TSLanguage LANGUAGE = new TreeSitterJava(); }
    private static final class Python { static final TSLanguage LANGUAGE = new TreeSitterPython(); }
    private static final class Typescript { static final TSLanguage LANGUAGE = new TreeSitterTypescript(); }
    private static final class Tsx { static final TSLanguage LANGUAGE = new TreeSitterTsx(); }
    private static final class Javascript { static final TSLanguage LANGUAGE = new TreeSitterJavascript(); }
    private static final class Go { static final TSLanguage LANGUAGE = new TreeSitterGo(); }
    private static final class Rust { static final TSLanguage LANGUAGE = new TreeSitterRust(); }
}
