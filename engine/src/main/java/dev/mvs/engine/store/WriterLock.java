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
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One writer process per index: an OS file lock on {@code <index>/lock}, with the owner's pid and
 * start time written inside for the message a second writer gets. The OS drops the lock when its
 * process dies, however it dies, so a lock left by a killed writer is simply taken over. Readers
 * never look at it.
 *
 * <p>A background holder ({@link #tryInBackground}: the vector fold an index run leaves behind it) says so in the
 * file; a writer then waits for it, up to {@link #BACKGROUND_WAIT}, whatever its own wait: the fold is short, and a
 * run started right after the last one should not fail because of it.
 */
public final class WriterLock implements AutoCloseable {

    /** How long a writer waits for a background holder at most (a fold takes about a second at 240k vectors). */
    public static final Duration BACKGROUND_WAIT = Duration.ofMinutes(5);
    /** Ends the owner line of a background holder. */
    static final String BACKGROUND = "in the background: ";

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
            Instant start = Instant.now();
            Instant deadline = start.plus(wait);
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    writeOwner(channel, "");
                    return new WriterLock(channel, lock);
                }
                String owner = readOwner(channel);
                boolean background = owner.contains(BACKGROUND);
                Instant until = background ? max(deadline, start.plus(BACKGROUND_WAIT)) : deadline;
                if (!Instant.now().isBefore(until)) {
                    throw new EngineException.IndexBusy(lockFile.getParent(), owner);
                }
                if (!told) {
                    progress.accept((background ? "waiting for the work another process does " : "waiting for another writer to finish ")
                            + "(" + owner + ")");
                    told = true;
                }
                Thread.sleep(background ? 50 : 200);
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

    /**
     * Takes the lock for work done in the background ({@code what}, said to a writer that waits for it), or returns
     * empty at once when another process holds it: a writer then holding it does that work itself if still needed.
     */
    public static Optional<WriterLock> tryInBackground(Path lockFile, String what) throws IOException {
        Files.createDirectories(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            writeOwner(channel, ", " + BACKGROUND + what);
            return Optional.of(new WriterLock(channel, lock));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process (another writer in the same JVM)
        }
    }

    private static void writeOwner(FileChannel channel, String role) throws IOException {
        String owner = "pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + role + "\n";
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
