package dev.mvs.engine.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads one file and turns it into a {@link DiscoveredFile} or a {@link SkippedFile}: the size limit,
 * the binary and UTF-8 checks, the hash and the language. One instance per walk (the digest and the
 * decoder are reused and are not thread-safe).
 */
final class FileLoader {

    // A Java array holds at most about 2^31 bytes, so larger limits are capped there.
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

    private final long maxBytes;
    private final TextCheck text = new TextCheck();
    private final ContentHash contentHash = new ContentHash();

    private final StatCache statCache;
    private final Consumer<UnchangedFile> onUnchanged;

    FileLoader(long maxFileBytes) {
        this(maxFileBytes, StatCache.NONE, unchanged -> {
            throw new IllegalStateException("no stat cache, yet " + unchanged.path() + " was found unchanged");
        });
    }

    FileLoader(long maxFileBytes, StatCache statCache, Consumer<UnchangedFile> onUnchanged) {
        this.statCache = statCache;
        this.onUnchanged = onUnchanged;
        this.maxBytes = Math.min(maxFileBytes, MAX_ARRAY_BYTES);
    }

    /**
     * Loads {@code file} (a link is followed) found at {@code path}, reporting it to exactly one of the consumers.
     * {@code listed}: its attributes as the directory listing read them (one stat a file, not two: the walk of an
     * unchanged tree is mostly stats), or null to read them here.
     */
    void load(Path file, String path, BasicFileAttributes listed, Consumer<DiscoveredFile> onFile, Consumer<SkippedFile> onSkip) {
        BasicFileAttributes attributes;
        byte[] bytes;
        try {
            attributes = listed != null ? listed : Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                // A FIFO would block the walk forever and a device is not source code.
                onSkip.accept(new SkippedFile(path, SkippedFile.Reason.UNREADABLE, "not a regular file"));
                return;
            }
            String known = statCache.unchangedHash(path, attributes.size(), attributes.lastModifiedTime().toMillis());
            if (known != null) {
                onUnchanged.accept(new UnchangedFile(path, attributes.size(), attributes.lastModifiedTime().toMillis(), known));
                return;
            }
            if (attributes.size() > maxBytes) {
                onSkip.accept(tooLarge(path, Long.toString(attributes.size())));
                return;
            }
            // Read one byte past the limit: the file may have grown since it was measured.
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) maxBytes + 1);
            }
        } catch (IOException e) {
            onSkip.accept(new SkippedFile(path, SkippedFile.Reason.UNREADABLE, describe(e)));
            return;
        }
        if (bytes.length > maxBytes) {
            onSkip.accept(tooLarge(path, "more than " + maxBytes));
            return;
        }
        int nul = TextCheck.firstNul(bytes);
        if (nul >= 0) {
            onSkip.accept(new SkippedFile(path, SkippedFile.Reason.BINARY, "NUL byte at offset " + nul));
            return;
        }
        int invalid = text.firstInvalidUtf8(bytes);
        if (invalid >= 0) {
            onSkip.accept(new SkippedFile(path, SkippedFile.Reason.INVALID_UTF8, "malformed UTF-8 at byte offset " + invalid));
            return;
        }
        String hash = contentHash.of(bytes);
        onFile.accept(new DiscoveredFile(path, bytes.length, attributes.lastModifiedTime().toMillis(), bytes, hash, Languages.of(path)));
    }

    private SkippedFile tooLarge(String path, String size) {
        return new SkippedFile(path, SkippedFile.Reason.TOO_LARGE, String.format(Locale.ROOT, "%s bytes, limit %d", size, maxBytes));
    }

    /** The exception's type and message: an AccessDeniedException's message alone is just the path. */
    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
