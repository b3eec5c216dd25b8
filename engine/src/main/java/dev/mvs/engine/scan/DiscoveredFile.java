package dev.mvs.engine.scan;

import java.util.Arrays;
import java.util.Objects;

/**
 * One text file found in the repository, with its bytes already read: the indexer needs the bytes for
 * the hash and the chunks anyway, and reading once avoids a second pass and a race with edits between them.
 *
 * <p>The {@code content} array is handed over, not copied (copying every file would double the I/O
 * memory traffic); whoever receives it owns it and must not expect it to be shared.
 *
 * @param path        relative to the repository root, '/'-separated
 * @param size        number of bytes in {@code content}
 * @param mtimeMillis last-modified time, milliseconds since the epoch
 * @param content     the file's bytes, valid UTF-8 without NUL in the binary probe window
 * @param contentHash lower-case hex SHA-256 of {@code content}
 * @param language    from the file name, see {@link Languages}
 */
public record DiscoveredFile(String path, long size, long mtimeMillis, byte[] content, String contentHash, String language) {

    public DiscoveredFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(language, "language");
    }

    // A record compares arrays by identity; two discoveries of the same bytes should be equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof DiscoveredFile f && path.equals(f.path) && size == f.size && mtimeMillis == f.mtimeMillis
                && Arrays.equals(content, f.content) && contentHash.equals(f.contentHash) && language.equals(f.language);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, size, mtimeMillis, contentHash, language);
    }

    // The content can be a megabyte; logs want to know which file, not its text.
    @Override
    public String toString() {
        return "DiscoveredFile[path=" + path + ", size=" + size + ", mtimeMillis=" + mtimeMillis + ", contentHash=" + contentHash
                + ", language=" + language + "]";
    }
}
