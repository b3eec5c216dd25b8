package dev.mvs.engine.search;

/** One result: where the chunk is, what it declares, how well it matched, and its first lines. */
public record SearchHit(String path, int startLine, int endLine, String symbol, String kind, float score, String snippet) {}
