import java.nio.file.*;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/**
 * args ROOT N THREADS: the system-call part of a walk alone (read every directory, lstat every entry, nothing
 * filtered or sorted) on THREADS threads sharing one queue of directories; N repeats, median of all but the first.
 */
public class RawList {
    public static void main(String[] a) throws Exception {
        Path root = Path.of(a[0]);
        int n = Integer.parseInt(a[1]), threads = Integer.parseInt(a[2]);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            long entries = list(root, threads);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (i > 0) times.add(ms);
            System.err.println("list " + i + ": " + entries + " entries, " + ms + " ms");
        }
        Collections.sort(times);
        System.out.println(threads + " thread(s): median " + times.get(times.size() / 2) + " ms of " + times);
    }

    static long list(Path root, int threads) throws Exception {
        LinkedBlockingQueue<Path> queue = new LinkedBlockingQueue<>(List.of(root));
        AtomicLong pending = new AtomicLong(1), entries = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    while (pending.get() > 0) {
                        Path dir = queue.poll(1, TimeUnit.MILLISECONDS);
                        if (dir == null) continue;
                        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                            for (Path child : s) {
                                entries.incrementAndGet();
                                BasicFileAttributes at = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                                if (at.isDirectory()) { pending.incrementAndGet(); queue.add(child); }
                            }
                        }
                        pending.decrementAndGet();
                    }
                    return null;
                });
            }
        }
        return entries.get();
    }
}
