package dev.mvs.ffi;

import java.lang.foreign.MemorySegment;

import dev.mvs.ffi.internal.mvs_fts_params;

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

    /** These options as the {@code mvs_fts_params} struct, in the call's arena. */
    MemorySegment toNative(NativeCall call) {
        MemorySegment p = mvs_fts_params.allocate(call.arena());
        mvs_fts_params.base_tokenizer(p, call.string(tokenizer()));
        mvs_fts_params.language(p, call.string(language()));
        mvs_fts_params.max_token_length(p, maxTokenLength());
        mvs_fts_params.lower_case(p, NativeCall.flag(lowerCase()));
        mvs_fts_params.stem(p, NativeCall.flag(stem()));
        mvs_fts_params.remove_stop_words(p, NativeCall.flag(removeStopWords()));
        mvs_fts_params.ascii_folding(p, NativeCall.flag(asciiFolding()));
        mvs_fts_params.with_position(p, NativeCall.flag(withPosition()));
        return p;
    }
}
