package dev.mvs.bench.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The Markdown tables of a run and the ratios to each peer (also written into results.json). */
final class Report {

    /** A figure compared between mvs-engine and one peer; ratio = mvs-engine / peer. */
    record Ratio(String figure, String peer, double mvs, double other, double ratio, String better) {}

    private final Results results;
    private final List<String> engines;
    private final String mvs;

    Report(Results results, List<String> engines) {
        this.results = results;
        this.engines = engines;
        this.mvs = engines.getFirst();
    }

    List<Ratio> ratios() {
        List<Ratio> out = new ArrayList<>();
        double target = results.defaultPoint(mvs).recall();
        for (String peer : engines.subList(1, engines.size())) {
            for (String[] f : VECTOR_FIGURES) {
                double a = results.spread("vectors/" + mvs, f[0]).median();
                double b = results.spread("vectors/" + peer, f[0]).median();
                out.add(new Ratio(f[1], peer, a, b, a / b, f[2]));
            }
            Results.CurvePoint da = results.defaultPoint(mvs);
            Results.CurvePoint db = results.defaultPoint(peer);
            out.add(new Ratio("p50 at each engine's default setting, ms", peer, da.p50Ms(), db.p50Ms(), da.p50Ms() / db.p50Ms(), "lower"));
            out.add(new Ratio("recall@10 at each engine's default setting", peer, da.recall(), db.recall(), da.recall() / db.recall(), "higher"));
            Optional<Results.CurvePoint> eq = results.fastestAtRecall(peer, target);
            Optional<Results.CurvePoint> own = results.fastestAtRecall(mvs, target);
            if (eq.isPresent() && own.isPresent()) {
                out.add(new Ratio(String.format(Locale.ROOT, "p50 at recall@10 ≥ %.3f (fastest setting reaching it), ms", target), peer,
                        own.get().p50Ms(), eq.get().p50Ms(), own.get().p50Ms() / eq.get().p50Ms(), "lower"));
            }
        }
        return out;
    }

    private static final String[][] VECTOR_FIGURES = {
            {"ingest_rows_per_s", "ingest, rows/s", "higher"},
            {"index_build_ms", "index build (Lucene: merge to one graph), ms", "lower"},
            {"ingest_and_build_ms", "ingest + index build, ms", "lower"},
            {"disk_mib", "disk, MiB", "lower"},
            {"peak_rss_mib", "peak RSS of the process, MiB", "lower"},
            {"os_threads", "OS threads of the process", "lower"},
    };

    private static final String[][] STARTUP_FIGURES = {
            {"help_ms", "`engine-cli --help`"},
            {"keyword_search_ms", "`engine-cli search QUERY --mode keyword`"},
            {"hybrid_search_ms", "`engine-cli search QUERY --mode hybrid` (model load included)"},
    };

    String markdown(Map<String, Object> header, List<String> plots) {
        StringBuilder md = new StringBuilder();
        md.append("# End-to-end benchmark: ").append(header.get("date")).append(" (").append(header.get("mode")).append(")\n\n");
        md.append("`").append(header.get("command")).append("` on ").append(header.get("machine")).append(".\n");
        md.append("Every figure is the median of ").append(header.get("repeats"))
                .append(" runs, each in a fresh process, with (min – max); stages of different engines are interleaved.\n\n");
        md.append("## The same vectors in three engines\n\n").append(header.get("vectors")).append("\n\n");
        md.append("| figure | ").append(String.join(" | ", engines)).append(" |\n|---|").append("---|".repeat(engines.size())).append('\n');
        for (String[] f : VECTOR_FIGURES) {
            md.append("| ").append(f[1]).append(" (").append(f[2]).append(" is better) |");
            for (String e : engines) {
                md.append(' ').append(spread(results.spread("vectors/" + e, f[0]))).append(" |");
            }
            md.append('\n');
        }
        md.append("| Java threads of the process |");
        for (String e : engines) {
            md.append(' ').append(spread(results.spread("vectors/" + e, "java_threads"))).append(" |");
        }
        md.append("\n| default setting: p50 / p99 ms, recall@10 (tie-aware) |");
        for (String e : engines) {
            Results.CurvePoint p = results.defaultPoint(e);
            md.append(String.format(Locale.ROOT, " %s: %.2f / %.2f, %.3f (%.3f) |", p.setting(), p.p50Ms(), p.p99Ms(), p.recall(), p.recallTies()));
        }
        double target = results.defaultPoint(mvs).recall();
        md.append(String.format(Locale.ROOT, "\n| fastest setting with recall@10 ≥ %.3f: p50 ms |", target));
        for (String e : engines) {
            md.append(results.fastestAtRecall(e, target).map(p -> String.format(Locale.ROOT, " %.2f (%s, recall %.3f) |", p.p50Ms(), p.setting(), p.recall()))
                    .orElse(" never reached |"));
        }
        md.append("\n\n### Ratios (mvs-engine / peer, medians)\n\n| figure | peer | mvs-engine | peer | ratio | better |\n|---|---|---|---|---|---|\n");
        for (Ratio r : ratios()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | **%.2f×** | %s |%n", r.figure(), r.peer(), num(r.mvs()), num(r.other()), r.ratio(),
                    r.better()));
        }
        md.append("\n### Latency vs recall (medians over the repeats)\n\nTie-aware recall counts an answer as right when its exact "
                + "distance is within the exact 10th neighbour's: identical chunks have identical vectors, and any of them is as right as "
                + "the one the brute force kept.\n\n| engine | setting | p50 ms | p99 ms | recall@10 | tie-aware recall@10 |\n|---|---|---|---|---|---|\n");
        for (String e : engines) {
            for (Results.CurvePoint p : results.curve(e)) {
                md.append(String.format(Locale.ROOT, "| %s | %s%s | %.2f | %.2f | %.3f | %.3f |%n", e, p.setting(), p.isDefault() ? " (default)" : "",
                        p.p50Ms(), p.p99Ms(), p.recall(), p.recallTies()));
            }
        }
        md.append("\n## mvs-engine indexing\n\n").append(phase1Table(results, "phase1/"))
                .append("\nPhase 1 = discover, read, chunk (lines: 60-line windows; syntax: one chunk per declaration, line windows where no ")
                .append("grammar applies), write files.lance + chunks.lance, build the full-text and BTree indexes. Speed ratio = lines wall / ")
                .append("syntax wall of the medians (goal ≥ 0.8).\n\n");
        md.append("| embedding (real model, ").append(header.get("embedding_sample")).append(") | median (min – max) |\n|---|---|\n");
        for (String[] f : new String[][] {{"pipeline_embeddings_per_s", "through the indexing pipeline, embeddings/s"},
                {"raw_embeddings_per_s", "raw model, same texts, batches of 32 (mean of two passes), embeddings/s"}, {"pipeline_overhead_pct", "pipeline overhead, %"},
                {"model_load_ms", "model load, ms"}, {"peak_rss_mib", "peak RSS, MiB"}, {"os_threads", "OS threads"}}) {
            md.append("| ").append(f[1]).append(" | ").append(spread(results.spread("embed", f[0]))).append(" |\n");
        }
        md.append("\n| incremental reindex (").append(header.get("reindex")).append(") | median (min – max) |\n|---|---|\n");
        for (String[] f : new String[][] {{"no_change_first_in_process_ms", "nothing changed, first run in the process (as a CLI run; cold JIT), ms"},
                {"no_change_ms", "nothing changed, ms"}, {"one_file_edit_ms", "one file edited, ms"},
                {"one_file_edit_model_ms", "of which model time, ms"}, {"revert_ms", "the edit reverted, ms"}, {"peak_rss_mib", "peak RSS, MiB"}}) {
            md.append("| ").append(f[1]).append(" | ").append(spread(results.spread("reindex", f[0]))).append(" |\n");
        }
        md.append("\n## engine-cli start-up (whole processes, wall time; ").append(header.get("startup")).append(")\n\n")
                .append("| command | installed launcher, ms | `java -jar`, ms | ratio |\n|---|---|---|---|\n");
        for (String[] f : STARTUP_FIGURES) {
            Results.Spread a = results.spread("startup/installed", f[0]);
            Results.Spread b = results.spread("startup/java-jar", f[0]);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | **%.2f×** |%n", f[1], spread(a), spread(b), a.median() / b.median()));
        }
        md.append("\n## Plots\n\n");
        for (String p : plots) {
            md.append("![").append(p).append("](").append(p).append(")\n");
        }
        return md.toString();
    }

    /**
     * The phase-1 table of every group "PREFIX CORPUS/CHUNKER", one row per corpus and chunker, and per corpus the
     * syntax chunker's speed relative to line windows (median walls).
     */
    static String phase1Table(Results results, String prefix) {
        StringBuilder md = new StringBuilder("| corpus | chunker | files | chunks | files by line windows | phase 1 wall, s | files/s | chunks/s "
                + "| index on disk, MiB | peak RSS, MiB | syntax speed / lines |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String group : results.runs().keySet()) {
            if (!group.startsWith(prefix)) {
                continue;
            }
            String[] corpusChunker = group.substring(prefix.length()).split("/", 2);
            String chunker = corpusChunker.length > 1 ? corpusChunker[1] : "lines";
            String ratio = "";
            String lines = prefix + corpusChunker[0] + "/lines";
            if (chunker.equals("syntax") && results.runs().containsKey(lines)) {
                ratio = String.format(Locale.ROOT, "**%.2f×**", results.spread(lines, "wall_ms").median() / results.spread(group, "wall_ms").median());
            }
            md.append("| ").append(corpusChunker[0]).append(" | ").append(chunker).append(" | ").append(num(results.spread(group, "files").median()))
                    .append(" | ").append(num(results.spread(group, "chunks").median())).append(" | ")
                    .append(num(results.spread(group, "files_by_line_windows").median())).append(" | ")
                    .append(spread(results.spread(group, "wall_ms"), 1e-3)).append(" | ").append(spread(results.spread(group, "files_per_s")))
                    .append(" | ").append(spread(results.spread(group, "chunks_per_s"))).append(" | ").append(spread(results.spread(group, "disk_mib")))
                    .append(" | ").append(spread(results.spread(group, "peak_rss_mib"))).append(" | ").append(ratio).append(" |\n");
        }
        return md.toString();
    }

    Map<String, Object> ratiosJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("definition", "mvs-engine median / peer median");
        m.put("ratios", ratios());
        return m;
    }

    private static String spread(Results.Spread s) {
        return spread(s, 1);
    }

    private static String spread(Results.Spread s, double scale) {
        return num(s.median() * scale) + " (" + num(s.min() * scale) + " – " + num(s.max() * scale) + ")";
    }

    private static String num(double v) {
        double a = Math.abs(v);
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
