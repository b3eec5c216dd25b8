package dev.mvs.engine.index;

import dev.mvs.engine.store.Durable;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.TreeSet;

/**
 * An intent log of the paths a run is about to rewrite. It is made durable before the first table
 * changes and removed after files.lance is committed, the last step; a run killed in between leaves
 * it behind, and the next run treats those paths as changed, so rows half-written for them (chunks
 * without a files row, a files row without its chunks) are deleted and rewritten, never left stale.
 * Paths are stored length-prefixed: a file name may contain a newline.
 */
final class DirtyJournal {

    private final Path file;

    DirtyJournal(Path file) {
        this.file = file;
    }

    TreeSet<String> read() throws IOException {
        TreeSet<String> paths = new TreeSet<>();
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            while (true) {
                int n;
                try {
                    n = in.readInt();
                } catch (EOFException end) {
                    return paths;
                }
                byte[] bytes = new byte[n];
                in.readFully(bytes); // a torn tail would throw: the file is renamed into place whole
                paths.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (NoSuchFileException e) {
            return paths;
        }
    }

    void write(Collection<String> paths) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String p : paths) {
                byte[] b = p.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes.toByteArray());
        Durable.sync(tmp);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Durable.sync(file.getParent());
    }

    void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
