package dev.mvs.engine.search;

import java.util.List;

/**
 * One result: where the chunk is, what it declares, how well it matched, and its first lines.
 *
 * @param score       higher is better; its scale depends on the mode (BM25, cosine similarity, RRF)
 * @param contentHash identical chunks share it
 * @param snippet     a few lines of the chunk around the query's words (inside the search package, until the hits to show
 *                    are chosen, the chunk's whole text)
 * @param alsoIn      other places with exactly the same text ("path:start-end"), grouped under this hit
 */
public record SearchHit(String path, int startLine, int endLine, String symbol, String kind, float score, String snippet,
                        String contentHash, List<String> alsoIn) {

    public SearchHit {
        alsoIn = List.copyOf(alsoIn);
    }

    SearchHit withScore(float s) {
        return new SearchHit(path, startLine, endLine, symbol, kind, s, snippet, contentHash, alsoIn);
    }

    SearchHit withSnippet(String text) {
        return new SearchHit(path, startLine, endLine, symbol, kind, score, text, contentHash, alsoIn);
    }

    SearchHit withAlsoIn(List<String> more) {
        return new SearchHit(path, startLine, endLine, symbol, kind, score, snippet, contentHash, more);
    }

    String location() {
        return path + ":" + startLine + "-" + endLine;
    }
}
