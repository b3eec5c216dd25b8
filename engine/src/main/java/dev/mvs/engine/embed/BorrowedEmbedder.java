package dev.mvs.engine.embed;

/** A warm model lent to index runs: a run closes its embedder, which must not close the lender's. */
public record BorrowedEmbedder(Embedder delegate) implements ForwardingEmbedder {

    @Override
    public void close() {}
}
