import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.index.*;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;

/** args REPO INDEX build | REPO INDEX edit N [OFFSET]: builds the index (hash model), or times N one-file edit runs with each step's time. */
public class OneFile {
    public static void main(String[] a) throws Exception {
        Path repo = Path.of(a[0]), index = Path.of(a[1]);
        try (Engine engine = Engine.start(0)) {
            IndexRequest request = IndexRequest.of(repo, index).withModel("hash").withLockWait(Duration.ofHours(1));
            long[] start = {System.nanoTime()};
            IndexProgress p = new IndexProgress() {
                @Override public void message(String text) {
                    System.err.printf(Locale.ROOT, "  %6d ms  %s%n", (System.nanoTime() - start[0]) / 1_000_000, text);
                }
            };
            if (a[2].equals("build")) { engine.index(request, p); return; }
            List<Path> files;
            try (var s = Files.walk(repo.resolve("jdk/java.base/java/util"))) {
                files = s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            }
            int n = Integer.parseInt(a[3]);
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Path f = files.get((i * 37 + (a.length > 4 ? Integer.parseInt(a[4]) : 0)) % files.size());
                Files.writeString(f, "\n// edit " + i + "\n", StandardOpenOption.APPEND);
                start[0] = System.nanoTime();
                IndexReport r = engine.index(request, p);
                long ms = (System.nanoTime() - start[0]) / 1_000_000;
                times.add(ms);
                System.err.println("run " + i + " " + repo.relativize(f) + " " + ms + " ms");
            }
            Collections.sort(times);
            System.err.println("median " + times.get(times.size() / 2) + " ms of " + times);
        }
    }
}
