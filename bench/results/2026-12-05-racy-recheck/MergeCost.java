import dev.mvs.engine.Engine;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * args CHUNKS_LANCE S...: on a copy of a freshly built chunks.lance (one segment per index), what merging a run's rows
 * into a runs' segment of S rows costs, against appending them as a delta: S existing rows appended again as the
 * runs' segment, then three "runs" of 30 rows, each indexed by merge(1), and three by a delta.
 */
public class MergeCost {
    public static void main(String[] a) throws Exception {
        Path src = Path.of(a[0]);
        try (Engine engine = Engine.start(2)) {
            for (int k = 1; k < a.length; k++) {
                long s = Long.parseLong(a[k]);
                Path copy = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "merge-");
                copyTree(src, copy.resolve("chunks.lance"));
                try (Table t = Table.open(engine.runtime(), copy.resolve("chunks.lance"))) {
                    append(t, s, 1000);
                    t.optimizeIndices(Table.APPEND_DELTA);
                    List<Long> merge = new ArrayList<>(), delta = new ArrayList<>();
                    for (int run = 0; run < 3; run++) {
                        append(t, 30, 5000 + run * 40);
                        long t0 = System.nanoTime();
                        t.optimizeIndices(1);
                        merge.add((System.nanoTime() - t0) / 1_000_000);
                    }
                    String segs = t.indexes().toString().replaceAll(".*?segments=(\\d+)\\]", "$1 ");
                    for (int run = 0; run < 3; run++) {
                        append(t, 30, 9000 + run * 40);
                        long t0 = System.nanoTime();
                        t.optimizeIndices(Table.APPEND_DELTA);
                        delta.add((System.nanoTime() - t0) / 1_000_000);
                    }
                    System.out.printf(Locale.ROOT, "runs' segment %,d rows: merge(1) %s ms (segments %s), delta %s ms%n", s, merge, segs.trim(), delta);
                }
                deleteTree(copy);
            }
        }
    }

    static void append(Table t, long rows, long offset) throws Exception {
        t.append(t.scan(ScanRequest.all().withLimit(rows))); // append takes the stream over
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (var w = Files.walk(from)) {
            for (Path p : w.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q); else Files.copy(p, q);
            }
        }
    }

    static void deleteTree(Path p) throws Exception {
        try (var w = Files.walk(p)) {
            for (Path q : w.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
