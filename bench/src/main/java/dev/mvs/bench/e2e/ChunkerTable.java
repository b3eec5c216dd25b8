package dev.mvs.bench.e2e;

import dev.mvs.engine.Engine;
import dev.mvs.engine.search.SearchMode;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Line windows against declaration chunks (issue 17), each run in its own JVM:
 * <ol>
 *   <li>phase 1 of a fresh index of each corpus (the JDK's src.zip, the Python standard library, Go's own
 *       sources, Rust crates from the cargo registry) with each chunker, repeated, the chunkers' order
 *       alternating between repeats: wall, files/s, chunks, peak RSS, files that fell back and why;</li>
 *   <li>with the default model, a fresh embedded index per chunker of the Python standard library and of a
 *       JDK sample (the answer files and every 25th other file), and hit@1/hit@5 of each search mode on the
 *       hand-written relevance sets. One run each (the model is the slow part); saved after each, so an
 *       interrupted run resumes.</li>
 * </ol>
 * <pre>
 * ChunkerTable --python-stdlib DIR [--repeats N] [--work DIR] [--out DIR] [--corpora jdk,python,go,rust] [--no-relevance]
 * </pre>
 */
public final class ChunkerTable {

    private static final int MAX_TOKENS = 256;

    private ChunkerTable() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        int repeats = 5;
        Path work = Path.of(System.getProperty("user.home"), ".cache", "mvs-engine", "bench");
        Path out = Path.of("bench", "results", LocalDate.now(ZoneOffset.UTC) + "-chunkers");
        Path python = null;
        List<String> names = List.of("jdk", "python", "go", "rust");
        boolean relevance = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--python-stdlib" -> python = Path.of(args[++i]);
                case "--corpora" -> names = List.of(args[++i].split(","));
                case "--no-relevance" -> relevance = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (usage: --python-stdlib DIR [--repeats N] [--work DIR] "
                        + "[--out DIR] [--corpora jdk,python,go,rust] [--no-relevance])");
            }
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1");
        }
        Corpora corpora = new Corpora(work, Path.of(System.getProperty("java.home"), "lib", "src.zip"), python);
        Map<String, Path> corpusDirs = new LinkedHashMap<>();
        for (String name : names) {
            Path dir = switch (name) {
                case "jdk" -> corpora.jdk();
                case "python" -> corpora.hasPython() ? corpora.python() : null;
                case "go" -> corpora.go();
                case "rust" -> corpora.rust();
                default -> throw new IllegalArgumentException("unknown corpus " + name + " (jdk, python, go, rust)");
            };
            if (dir == null) {
                System.err.println("bench: no " + name + " corpus on this machine; left out");
            } else {
                corpusDirs.put(name, dir);
            }
        }
        ChildStage child = new ChildStage(Path.of(System.getProperty("mvs.native.path")).toAbsolutePath());
        Files.createDirectories(out);
        long started = System.nanoTime();

        Results phase1 = new Results();
        for (int r = 0; r < repeats; r++) {
            for (Map.Entry<String, Path> corpus : corpusDirs.entrySet()) {
                for (String chunker : r % 2 == 0 ? EndToEnd.CHUNKERS : EndToEnd.CHUNKERS.reversed()) {
                    phase1.add(corpus.getKey() + "/" + chunker, child.run("phase1", corpus.getValue().toString(),
                            work.resolve("phase1-" + corpus.getKey()).toString(), chunker));
                }
            }
        }

        Path json = out.resolve("relevance.json");
        Map<String, Map<String, Object>> quality = Files.exists(json)
                ? new Gson().fromJson(Files.readString(json), new TypeToken<LinkedHashMap<String, Map<String, Object>>>() {}.getType())
                : new LinkedHashMap<>();
        if (relevance) {
            Path pythonQuestions = Path.of("bench", "relevance", "python-questions.tsv").toAbsolutePath();
            Path jdkQuestions = Path.of("bench", "relevance", "jdk-questions.tsv").toAbsolutePath();
            Map<String, Path[]> sets = new LinkedHashMap<>();
            if (corpora.hasPython()) {
                sets.put("python", new Path[] {corpora.python(), pythonQuestions});
            }
            sets.put("jdk-sample", new Path[] {corpora.jdkSample(jdkQuestions), jdkQuestions});
            for (Map.Entry<String, Path[]> set : sets.entrySet()) {
                for (String chunker : EndToEnd.CHUNKERS) {
                    String key = set.getKey() + "/" + chunker;
                    if (quality.containsKey(key)) {
                        System.err.println("bench: kept " + key);
                        continue;
                    }
                    quality.put(key, child.run("model-index", set.getValue()[0].toString(), work.resolve("relevance-" + set.getKey() + "-" + chunker).toString(),
                            Engine.DEFAULT_MODEL.id(), "text", "sorted", Integer.toString(MAX_TOKENS), chunker, set.getValue()[1].toString()));
                    save(json, quality);
                }
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        String md = markdown(phase1, quality, repeats, String.join(" ", args), minutes);
        Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("repeats", repeats);
        all.put("phase1_summary", phase1.summary());
        all.put("phase1_runs", phase1.runs());
        all.put("relevance", quality);
        Files.writeString(out.resolve("results.json"), new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(all),
                StandardCharsets.UTF_8);
        System.out.print(md);
        System.err.printf(Locale.ROOT, "bench: wrote %s in %.1f min%n", out, minutes);
    }

    private static String markdown(Results phase1, Map<String, Map<String, Object>> quality, int repeats, String args, double minutes) {
        StringBuilder md = new StringBuilder("# Line windows vs declaration chunks\n\n");
        md.append(String.format(Locale.ROOT, "Command: `./bench/chunkers.sh %s`; %d CPUs, JDK %s, %s.%n%n", args.replaceAll("--python-stdlib \\S+ ?", "").strip(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), LocalDate.now(ZoneOffset.UTC)));
        md.append(String.format(Locale.ROOT, "## Phase 1 (fresh index, no model; median (min – max) of %d runs, each in its own JVM, the chunkers' order "
                + "alternating)%n%n", repeats));
        md.append(Report.phase1Table(phase1, ""));
        md.append("\nSyntax speed / lines = lines wall / syntax wall of the medians (goal ≥ 0.8). Files by line windows: every file for lines; "
                + "for syntax the files without a grammar or that did not parse (results.json has the reasons).\n");
        if (!quality.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%n## Search quality (fresh embedded index per chunker, %s, %d tokens; one run each)%n%n", Engine.DEFAULT_MODEL.id(),
                    MAX_TOKENS));
            md.append("| corpus | chunker | files | chunks | index s | phase 2 chunks/s | hit@5 keyword / semantic / hybrid | hit@1 keyword / semantic / hybrid |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            for (Map.Entry<String, Map<String, Object>> e : quality.entrySet()) {
                Map<String, Object> r = e.getValue();
                String set = r.keySet().stream().filter(k -> k.endsWith(".questions")).findFirst().map(k -> k.substring(0, k.length() - 10)).orElse("?");
                String[] corpusChunker = e.getKey().split("/", 2);
                md.append(String.format(Locale.ROOT, "| %s (%s, %.0f questions) | %s | %.0f | %.0f | %.0f | %.1f | %s | %s |%n", corpusChunker[0], set,
                        d(r.get(set + ".questions")), corpusChunker[1], d(r.get("files")), d(r.get("chunks")), d(r.get("wall_ms")) / 1000,
                        d(r.get("phase2_chunks_per_s")), rates(r, set, "hit5"), rates(r, set, "hit1")));
            }
        }
        md.append(String.format(Locale.ROOT, "%nWhole run: %.1f min.%n", minutes));
        return md.toString();
    }

    private static String rates(Map<String, Object> r, String set, String figure) {
        double n = d(r.get(set + ".questions"));
        List<String> parts = new ArrayList<>();
        for (SearchMode mode : List.of(SearchMode.KEYWORD, SearchMode.SEMANTIC, SearchMode.HYBRID)) {
            parts.add(String.format(Locale.ROOT, "%.2f", d(r.get(set + "." + mode.label() + "." + figure)) / n));
        }
        return String.join(" / ", parts);
    }

    private static double d(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static void save(Path json, Map<String, Map<String, Object>> results) throws IOException {
        Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
        Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(results), StandardCharsets.UTF_8);
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
