import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.index.*;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;

/**
 * args REPO INDEX N: a run with nothing changed (it cleans up the versions older than ten minutes, as the benchmark's
 * runs did one by one), then N one-file edit runs (a line appended to a file of java/util), each timed, with the
 * threshold compactions it did. On the benchmark's tree and index after its 30 runs, chunks.lance is one fragment
 * short of its limit, so the first edit run pays its threshold compaction.
 */
public class CompactionRun {
    public static void main(String[] a) throws Exception {
        Path repo = Path.of(a[0]), index = Path.of(a[1]);
        int n = Integer.parseInt(a[2]);
        try (Engine engine = Engine.start(0)) {
            IndexRequest request = IndexRequest.of(repo, index).withModel("hash").withLockWait(Duration.ofHours(1));
            List<String> messages = new ArrayList<>();
            IndexProgress p = new IndexProgress() {
                @Override public void message(String text) {
                    messages.add(text);
                }
            };
            long t0 = System.nanoTime();
            engine.index(request, p);
            System.out.printf(Locale.ROOT, "nothing changed: %d ms %s%n", (System.nanoTime() - t0) / 1_000_000, compactions(messages));
            List<Path> files;
            try (var s = Files.walk(repo.resolve("jdk/java.base/java/util"))) {
                files = s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            }
            for (int i = 0; i < n; i++) {
                Path f = files.get((i * 37 + 11) % files.size());
                Files.writeString(f, "\n// edit " + i + "\n", StandardOpenOption.APPEND);
                messages.clear();
                long s = System.nanoTime();
                engine.index(request, p);
                System.out.printf(Locale.ROOT, "edit %d %s: %d ms %s%n", i, repo.relativize(f), (System.nanoTime() - s) / 1_000_000, compactions(messages));
            }
        }
    }

    private static List<String> compactions(List<String> messages) {
        return messages.stream().filter(m -> m.startsWith("compacting") || m.startsWith("kept vector")).toList();
    }
}
