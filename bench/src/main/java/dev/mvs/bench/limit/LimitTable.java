package dev.mvs.bench.limit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown of {@link PhaseTwoLimit}'s results. */
final class LimitTable {

    private LimitTable() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> json, List<String> shapes) {
        Map<String, Object> gemm = (Map<String, Object>) json.get("gemm_gflops");
        StringBuilder sb = new StringBuilder("# Phase 2 against the machine's GEMM limit\n\n");
        sb.append("Measured ").append(json.get("date")).append(" by `./bench/limit.sh` on this directory's model table.\n\n");
        sb.append(String.format(Locale.ROOT, "ONNX Runtime, one MatMul / MatMulInteger node, [%s rows × k] · [k × n], weights constant, "
                + "%s intra-op threads, median of 3 × ≥ 1.5 s (GFLOP/s, 2 per multiply-add):%n%n", num(json.get("gemm_rows")), num(json.get("threads"))));
        sb.append("| weights | fp32 | int8 |\n|---|---|---|\n");
        for (String s : shapes) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", s, d(gemm.get("fp32 " + s)), d(gemm.get("int8 " + s))));
        }
        sb.append("\nPer configuration of the model table: its batches rebuilt from its index (same texts, windows and batching), the matrix "
                + "work they hold (weights: 24·h² FLOPs per padded token and layer; attention: 4·h FLOPs per token pair and layer, fp32), "
                + "the time that work takes at the rates above (`gemm limit`), and the time the model took in the run.\n\n");
        sb.append("| configuration | batches | tokens | padded | GFLOP | model s | achieved GFLOP/s | GEMM limit s | fraction of limit | tokenizing s |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Object> configs = (Map<String, Object>) json.get("configurations");
        for (Map.Entry<String, Object> e : configs.entrySet()) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.0f | %.1f | %.1f | %.1f | %.0f %% | %.1f |%n", e.getKey(), num(c.get("batches")),
                    num(c.get("tokens")), num(c.get("padded_tokens")), d(c.get("gflop")), d(c.get("model_ms")) / 1e3, d(c.get("achieved_gflops")),
                    d(c.get("gemm_limit_ms")) / 1e3, 100 * d(c.get("fraction_of_limit")), d(c.get("tokenize_ms")) / 1e3));
        }
        Map<String, Object> profiles = (Map<String, Object>) json.get("kernel_time_pct");
        if (profiles != null && !profiles.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nWhere the model's time goes: ONNX Runtime's profiler over the first %s texts of each index "
                    + "(its own batches), kernel time by operator after the runtime's graph fusions (the six largest, then the rest):%n%n",
                    num(json.get("profiled_texts"))));
            sb.append("| configuration | kernel time by operator |\n|---|---|\n");
            for (Map.Entry<String, Object> e : profiles.entrySet()) {
                Map<String, Object> ops = (Map<String, Object>) e.getValue();
                StringBuilder row = new StringBuilder();
                double rest = 100;
                int shown = 0;
                for (Map.Entry<String, Object> op : ops.entrySet()) {
                    if (shown++ == 6) {
                        break;
                    }
                    row.append(String.format(Locale.ROOT, "%s %.1f %%, ", op.getKey(), d(op.getValue())));
                    rest -= d(op.getValue());
                }
                sb.append(String.format(Locale.ROOT, "| %s | %sother %.1f %% |%n", e.getKey(), row, Math.max(0, rest)));
            }
        }
        return sb.toString();
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    private static String num(Object o) {
        return String.format(Locale.ROOT, "%,d", Math.round(d(o)));
    }
}
