package dev.mvs.engine.chunk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One searchable piece of a file.
 *
 * @param chunkId     stable id: the same for the same path, kind, symbol, lines and content
 * @param path        file path relative to the repository, '/'-separated
 * @param language    language of the file
 * @param kind        "lines" for a line window, else the declaration kind (e.g. "method")
 * @param symbol      declared name, or "" for a line window
 * @param startLine   first line, 1-based
 * @param endLine     last line, inclusive
 * @param content     the text
 * @param contentHash hex SHA-256 of the text alone (vectors are reused by it, whatever the path)
 */
public record Chunk(String chunkId, String path, String language, String kind, String symbol, int startLine, int endLine,
                    String content, String contentHash) {

    public Chunk {
        Objects.requireNonNull(chunkId, "chunkId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("bad line range " + startLine + "-" + endLine + " in " + path);
        }
    }

    /** Builds a chunk, deriving its content hash and its stable id. */
    public static Chunk of(String path, String language, String kind, String symbol, int startLine, int endLine, String content) {
        String contentHash = sha256(content);
        String id = sha256(path + '\0' + kind + '\0' + symbol + '\0' + startLine + '\0' + endLine + '\0' + contentHash).substring(0, 32);
        return new Chunk(id, path, language, kind, symbol, startLine, endLine, content, contentHash);
    }

    /** The content hash of {@code text}, as a chunk of that text gets it. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
