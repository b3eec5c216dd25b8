package dev.mvs.ffi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies a class-path resource out of its jar, for code that needs a real file (a native library,
 * a model ONNX Runtime maps). The copy is written to a unique temporary file beside the target,
 * synced and renamed into place, so a killed extraction never leaves a half file under the final
 * name that a later run would trust, and two processes extracting at once both end with a whole one.
 */
public final class ExtractedFile {

    private ExtractedFile() {}

    /**
     * {@code target}, extracted from {@code resource} unless a file of {@code expectedSize} bytes
     * is already there. When {@code expectedSha256} is given, the bytes copied must have that
     * SHA-256 (hex), or nothing is renamed into place.
     */
    public static Path extract(URL resource, Path target, long expectedSize, String expectedSha256) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == expectedSize) {
            return target;
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        try {
            MessageDigest sha = sha256();
            try (InputStream in = new DigestInputStream(resource.openStream(), sha);
                 OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
                throw new IOException(resource + " has SHA-256 " + actual + ", its jar says " + expectedSha256 + ": the jar is damaged; rebuild it");
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
