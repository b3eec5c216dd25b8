package dev.mvs.engine.store;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Encodes and decodes vectors.lance's {@link IndexSchemas#HIT} column: one JSON object per chunk. */
public final class HitColumn {

    /** What a search result shows of one chunk. */
    public record StoredHit(String path, int startLine, int endLine, String symbol, String kind, String content, String contentHash) {}

    private HitColumn() {}

    public static String encode(StoredHit hit) {
        JsonObject o = new JsonObject();
        o.addProperty(IndexSchemas.PATH, hit.path());
        o.addProperty(IndexSchemas.START_LINE, hit.startLine());
        o.addProperty(IndexSchemas.END_LINE, hit.endLine());
        o.addProperty(IndexSchemas.SYMBOL, hit.symbol());
        o.addProperty(IndexSchemas.KIND, hit.kind());
        o.addProperty(IndexSchemas.CONTENT, hit.content());
        o.addProperty(IndexSchemas.CONTENT_HASH, hit.contentHash());
        return o.toString();
    }

    /** @throws IllegalStateException when {@code json} is not a hit this class wrote (a damaged row) */
    public static StoredHit decode(String json) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            return new StoredHit(o.get(IndexSchemas.PATH).getAsString(), o.get(IndexSchemas.START_LINE).getAsInt(),
                    o.get(IndexSchemas.END_LINE).getAsInt(), text(o, IndexSchemas.SYMBOL), text(o, IndexSchemas.KIND),
                    text(o, IndexSchemas.CONTENT), o.get(IndexSchemas.CONTENT_HASH).getAsString());
        } catch (RuntimeException e) {
            throw new IllegalStateException("vectors.lance holds a damaged " + IndexSchemas.HIT + " value: "
                    + (json.length() > 80 ? json.substring(0, 80) + "..." : json), e);
        }
    }

    private static String text(JsonObject o, String name) {
        return o.has(name) && !o.get(name).isJsonNull() ? o.get(name).getAsString() : "";
    }
}
