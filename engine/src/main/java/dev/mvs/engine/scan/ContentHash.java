package dev.mvs.engine.scan;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a file's content hash (files.lance {@code content_hash}) is computed: SHA-256 of its bytes, in lower-case hex.
 * One place, so every reader that checks a file against its row hashes it the same way. Not thread-safe (it reuses
 * its digest): one per thread.
 */
public final class ContentHash {

    private final MessageDigest sha256;

    public ContentHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public String of(byte[] bytes) {
        return HexFormat.of().formatHex(sha256.digest(bytes));
    }
}
