package dev.mvs.engine.store;

import dev.mvs.engine.error.EngineException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One writer process per index: an OS file lock on {@code <index>/lock}, with the owner's pid and
 * start time written inside for the message a second writer gets. The OS drops the lock when its
 * process dies, however it dies, so a lock left by a killed writer is simply taken over. Readers
 * never look at it.
 */
public final class WriterLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, waiting up to {@code wait} for another writer to finish ({@code Duration.ZERO}: fail at once).
     *
     * @throws EngineException.IndexBusy when another live process still holds it after {@code wait}
     */
    public static WriterLock acquire(Path lockFile, Duration wait, Consumer<String> progress) throws IOException {
        Files.createDirectories(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Instant deadline = Instant.now().plus(wait);
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    writeOwner(channel);
                    return new WriterLock(channel, lock);
                }
                String owner = readOwner(channel);
                if (!Instant.now().isBefore(deadline)) {
                    throw new EngineException.IndexBusy(lockFile.getParent(), owner);
                }
                if (!told) {
                    progress.accept("waiting for another writer to finish (" + owner + ")");
                    told = true;
                }
                Thread.sleep(200);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the index lock", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process (another writer in the same JVM)
        }
    }

    private static void writeOwner(FileChannel channel) throws IOException {
        String owner = "pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(256);
        int n = channel.read(buf, 0);
        String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "owner unknown" : text;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
