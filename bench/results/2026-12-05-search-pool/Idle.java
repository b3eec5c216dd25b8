import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import java.nio.file.*;
import java.util.*;

/** CPU time of the process while it sits idle for 10 s after one hybrid search: args INDEX. */
public class Idle {
    public static void main(String[] a) throws Exception {
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(Path.of(a[0]))) {
            s.search(SearchRequest.of("concurrent hash map", 10));
            Thread.sleep(2_000);
            long t0 = cpu();
            Thread.sleep(10_000);
            long t1 = cpu();
            System.out.printf(Locale.ROOT, "fileReads %s: idle CPU %.1f ms in 10 s%n", engine.runtime().fileReads(), (t1 - t0) * 10.0);
        }
    }

    /** utime + stime of this process, in clock ticks (100 per second). */
    static long cpu() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
