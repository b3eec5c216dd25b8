import dev.mvs.engine.scan.*;
import java.nio.file.*;
import java.util.*;

/** args REPO N: walks REPO N times as a one-file run's walk does (every file "unchanged", none read); prints each time and the median of all but the first. */
public class WalkOnly {
    public static void main(String[] a) throws Exception {
        Path repo = Path.of(a[0]);
        int n = Integer.parseInt(a[1]);
        Discovery discovery = new Discovery(DiscoveryOptions.defaults(repo));
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] files = {0};
            long t0 = System.nanoTime();
            discovery.walk(repo, (path, size, mtime) -> "unchanged", u -> files[0]++, f -> files[0]++, s -> {});
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (i > 0) times.add(ms);
            System.err.println("walk " + i + ": " + files[0] + " files, " + ms + " ms");
        }
        Collections.sort(times);
        System.out.println("median " + times.get(times.size() / 2) + " ms of " + times);
    }
}
