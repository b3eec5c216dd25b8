package dev.mvs.engine.index;

import dev.mvs.engine.error.EngineException;

/**
 * What the model sees of a chunk: its text alone, or a one-line header (path, language, enclosing
 * symbol) before it, as the replaced tool did. An index records which; queries never get the header.
 */
public enum EmbeddedText {
    TEXT("text"),
    HEADER("header");

    private final String id;

    EmbeddedText(String id) {
        this.id = id;
    }

    /** The name engine.json and {@code --embed} use. */
    public String id() {
        return id;
    }

    public static EmbeddedText byId(String id) {
        for (EmbeddedText t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new EngineException.InvalidRequest("what is embedded must be text or header, got " + id);
    }

    /** The text the model embeds for a chunk. */
    public String of(String path, String language, String kind, String symbol, String content) {
        if (this == TEXT) {
            return content;
        }
        StringBuilder header = new StringBuilder(path.length() + content.length() + 48).append(path).append(" (").append(language).append(')');
        if (!symbol.isEmpty()) {
            header.append(", ").append(kind).append(' ').append(symbol);
        }
        return header.append('\n').append(content).toString();
    }
}
