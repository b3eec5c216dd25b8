package dev.mvs.engine.chunk;

/**
 * Picks the chunker for a language: {@link TreeSitterChunker} for the languages it has a grammar
 * for (java, python, typescript, javascript, go, rust), {@link LineWindowChunker} for the rest.
 */
public final class Chunkers {

    private static final LineWindowChunker LINES = LineWindowChunker.defaults();
    private static final TreeSitterChunker DECLARATIONS =
            new TreeSitterChunker(TreeSitterChunker.DEFAULT_MAX_LINES, TreeSitterChunker.DEFAULT_OVERLAP_LINES, LINES);

    private Chunkers() {
    }

    /** The chunker for files of {@code language} (a name from {@code dev.mvs.engine.scan.Languages}); thread-safe. */
    public static Chunker forLanguage(String language) {
        return TreeSitterChunker.supports(language) ? DECLARATIONS : LINES;
    }

    /**
     * One chunker for every file, dispatching on the language it is given: declarations where a
     * grammar exists, line windows elsewhere. Thread-safe.
     */
    public static Chunker defaults() {
        return DECLARATIONS; // it hands what it has no grammar for to LINES
    }
}
