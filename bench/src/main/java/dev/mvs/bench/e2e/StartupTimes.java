package dev.mvs.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of whole engine-cli processes, as a person at a terminal waits for them: {@code --help},
 * a keyword search and a hybrid search (model load included: every process is fresh) on an index.
 * Each figure is the median over {@link #RUNS} processes, one query each, after one untimed warm-up
 * process per command (so the page cache is warm, as it is for people searching all day).
 */
final class StartupTimes {

    static final int RUNS = 7;

    /** Questions a developer types; each timed process asks one (the engine caches nothing across processes). */
    static final List<String> QUERIES = List.of("read a file line by line", "parse a date from a string", "thread pool shutdown",
            "compare two strings ignoring case", "retry after a timeout", "sort a list by a key", "open a socket connection",
            "hash map resize when full");

    private StartupTimes() {}

    /** {@code launcher}: the command that starts engine-cli (a launcher script, or java + flags + -jar). */
    static Map<String, Object> measure(List<String> launcher, Path index) throws IOException, InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("help_ms", median(launcher, List.of("--help")));
        out.put("keyword_search_ms", median(launcher, List.of("search", "%s", "--mode", "keyword", "--index-dir", index.toString(), "-k", "10")));
        out.put("hybrid_search_ms", median(launcher, List.of("search", "%s", "--mode", "hybrid", "--index-dir", index.toString(), "-k", "10")));
        return out;
    }

    private static double median(List<String> launcher, List<String> args) throws IOException, InterruptedException {
        run(launcher, args, QUERIES.getLast()); // warm-up: page cache, extracted natives
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            ms[i] = run(launcher, args, QUERIES.get(i % QUERIES.size()));
        }
        return Results.Spread.of(ms).median();
    }

    private static double run(List<String> launcher, List<String> args, String query) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        args.forEach(a -> command.add(a.equals("%s") ? query : a));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (p.exitValue() != 0) {
            throw new IOException("exit code " + p.exitValue() + ": " + String.join(" ", command));
        }
        return ms;
    }
}
