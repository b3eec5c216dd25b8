package dev.mvs.engine.chunk;

import java.util.Set;

import org.treesitter.TSLanguage;
import org.treesitter.TSNode;

/**
 * What {@link TreeSitterChunker} needs to know of one language: its grammar, which syntax nodes are
 * declarations, what each is called and what kind it is, and which hold members (a container is cut
 * into its members when it is too large; its members' names are qualified by the container's).
 * Adding a language is one implementation, its entry in {@link #ALL}, and a test.
 */
interface LanguageRules {

    /** Every language with declaration chunks, in no particular order. */
    java.util.List<LanguageRules> ALL = java.util.List.of(new JavaRules(), new PythonRules(), new EcmaScriptRules(), new GoRules(), new RustRules());

    /** Language names (as {@code dev.mvs.engine.scan.Languages} gives them) these rules chunk. */
    Set<String> languages();

    /** The grammar for a file of {@code language} at {@code path} (TypeScript and TSX differ by extension). */
    TSLanguage grammar(String path, String language);

    /** The declaration {@code node} stands for in {@code scope}, or null when it is none. */
    Decl declaration(TSNode node, Scope scope, SyntaxTree tree);

    /** The rules for {@code language}, or null. */
    static LanguageRules of(String language) {
        for (LanguageRules rules : ALL) {
            if (rules.languages().contains(language)) {
                return rules;
            }
        }
        return null;
    }
}
