package dev.mvs.ffi;

import java.util.Objects;

/**
 * Tokenizer options of a full-text index.
 *
 * @param tokenizer      "simple", "whitespace", "raw", "code" or "ngram"
 * @param language       stemming and stop-word language, e.g. "English"
 * @param maxTokenLength longer tokens are dropped
 */
public record FtsOptions(String tokenizer, String language, int maxTokenLength, boolean lowerCase, boolean stem,
                         boolean removeStopWords, boolean asciiFolding, boolean withPosition) {

    public FtsOptions {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(language, "language");
        if (maxTokenLength < 1) {
            throw new IllegalArgumentException("maxTokenLength must be >= 1, got " + maxTokenLength);
        }
    }

    /** Lance's defaults: simple tokenizer, English stemming and stop words, lower case, ASCII folding. */
    public static FtsOptions defaults() {
        return new FtsOptions("simple", "English", 40, true, true, true, true, false);
    }

    public FtsOptions withTokenizer(String name) {
        return new FtsOptions(name, language, maxTokenLength, lowerCase, stem, removeStopWords, asciiFolding, withPosition);
    }

    public FtsOptions withStemming(boolean on) {
        return new FtsOptions(tokenizer, language, maxTokenLength, lowerCase, on, removeStopWords, asciiFolding, withPosition);
    }

    public FtsOptions withStopWords(boolean remove) {
        return new FtsOptions(tokenizer, language, maxTokenLength, lowerCase, stem, remove, asciiFolding, withPosition);
    }
}
