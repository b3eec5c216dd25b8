package dev.mvs.engine.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync of a file or a directory: what makes a rename survive a power cut, not just a kill. */
public final class Durable {

    private Durable() {}

    public static void sync(Path path) throws IOException {
        boolean dir = Files.isDirectory(path);
        try (FileChannel channel = FileChannel.open(path, dir ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!dir) {
                throw e;
            }
            // Some file systems refuse to open or sync a directory; the rename is still atomic there.
        }
    }
}
