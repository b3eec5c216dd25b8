package dev.mvs.bench.e2e;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The Markdown of {@link ModelMatrix}'s results. */
final class ModelTable {

    private ModelTable() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> results, List<ModelMatrix.Config> configs) {
        Map<String, Object> header = (Map<String, Object>) results.get("header");
        StringBuilder sb = new StringBuilder();
        sb.append("# Embedding models on ").append(header.get("corpus")).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Fresh `index` of the corpus per configuration, line windows, max %s tokens, %s CPUs, JDK %s; "
                + "one run each, in this order. Command: `%s`.%n%n", num(header.get("max_tokens")), num(header.get("cpus")), header.get("java"),
                header.get("command")));
        TreeSet<String> sets = new TreeSet<>();
        for (ModelMatrix.Config c : configs) {
            Map<String, Object> r = (Map<String, Object>) results.get(c.name());
            if (r != null) {
                r.keySet().stream().filter(k -> k.endsWith(".questions")).forEach(k -> sets.add(k.substring(0, k.length() - ".questions".length())));
            }
        }
        sb.append("| configuration | phase 2 chunks/s | × before | model busy | model load ms | peak RSS MiB | index s |");
        for (String set : sets) {
            sb.append(' ').append(set).append(" hit@5 k / s / h | hit@1 k / s / h |");
        }
        sb.append('\n').append("|---|---|---|---|---|---|---|").append("---|---|".repeat(sets.size())).append('\n');
        Map<String, Object> before = (Map<String, Object>) results.get(configs.getFirst().name());
        for (ModelMatrix.Config c : configs) {
            Map<String, Object> r = (Map<String, Object>) results.get(c.name());
            if (r == null) {
                continue;
            }
            double rate = d(r.get("phase2_chunks_per_s"));
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.0f %% | %.0f | %.0f | %.0f |", c.name(), rate,
                    before == null ? Double.NaN : rate / d(before.get("phase2_chunks_per_s")), d(r.get("model_busy_pct")), d(r.get("model_load_ms")),
                    d(r.get("peak_rss_mib")), d(r.get("wall_ms")) / 1000));
            for (String set : sets) {
                double n = d(r.get(set + ".questions"));
                sb.append(String.format(Locale.ROOT, " %s | %s |", rates(r, set, "hit5", n), rates(r, set, "hit1", n)));
            }
            sb.append('\n');
        }
        Object fused = header.get("fusion_candidates_k5");
        sb.append(fused == null
                ? "\nk / s / h: keyword, semantic, hybrid, hybrid fused as the engine did during this run (15 candidates per side; "
                        + "fusion.md has the fusion after it, 50 per side).\n\n"
                : "\nk / s / h: keyword, semantic, hybrid (the engine's fusion: " + num(fused) + " candidates per side for k = 5).\n\n");
        for (Map.Entry<String, Object> e : results.entrySet()) {
            if (e.getKey().startsWith("compare ")) {
                Map<String, Object> m = (Map<String, Object>) e.getValue();
                sb.append(String.format(Locale.ROOT, "- %s: cosine of each chunk's two vectors mean %.4f, min %.4f (%s chunks); "
                        + "recall@10 of int8 neighbours against fp32 neighbours %.3f (200 chunks as queries, exact search)%n",
                        e.getKey().substring("compare ".length()), d(m.get("cosine_mean")), d(m.get("cosine_min")), num(m.get("chunks")),
                        d(m.get("neighbour_recall_at_10"))));
            }
        }
        return sb.toString();
    }

    private static String rates(Map<String, Object> r, String set, String hit, double n) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", d(r.get(set + ".keyword." + hit)) / n, d(r.get(set + ".semantic." + hit)) / n,
                d(r.get(set + ".hybrid." + hit)) / n);
    }

    private static double d(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String num(Object o) {
        return o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : String.valueOf(o);
    }
}
