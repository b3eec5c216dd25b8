package dev.mvs.bench.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every run's figures by group ("phase1/jdk", "vectors/lance-jni", ...), and their spread over repeats. */
final class Results {

    record Spread(double min, double median, double max) {
        static Spread of(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Spread(v[0], median, v[v.length - 1]);
        }
    }

    /** One setting of an engine's sweep, medians over the repeats. */
    /** {@code recallTies}: tie-aware recall@10 (NaN in results measured before it existed). */
    record CurvePoint(String setting, boolean isDefault, double p50Ms, double p99Ms, double recall, double recallTies) {}

    private final Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();

    void add(String group, Map<String, Object> run) {
        runs.computeIfAbsent(group, g -> new ArrayList<>()).add(run);
    }

    Map<String, List<Map<String, Object>>> runs() {
        return runs;
    }

    boolean has(String group) {
        return runs.containsKey(group);
    }

    /** min / median / max of a numeric figure over the group's runs. */
    Spread spread(String group, String metric) {
        List<Map<String, Object>> list = runs.get(group);
        if (list == null || list.isEmpty() || !(list.getFirst().get(metric) instanceof Number)) {
            throw new IllegalArgumentException("no figure " + metric + " in " + group);
        }
        return Spread.of(list.stream().mapToDouble(r -> ((Number) r.get(metric)).doubleValue()).toArray());
    }

    /** Numeric figures of a group, in the order the stage reported them. */
    List<String> metrics(String group) {
        return runs.get(group).getFirst().entrySet().stream().filter(e -> e.getValue() instanceof Number).map(Map.Entry::getKey).toList();
    }

    Map<String, Map<String, Spread>> summary() {
        Map<String, Map<String, Spread>> s = new LinkedHashMap<>();
        for (String group : runs.keySet()) {
            Map<String, Spread> m = new LinkedHashMap<>();
            for (String metric : metrics(group)) {
                m.put(metric, spread(group, metric));
            }
            s.put(group, m);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    List<CurvePoint> curve(String engine) {
        List<Map<String, Object>> list = runs.get("vectors/" + engine);
        List<CurvePoint> points = new ArrayList<>();
        List<Map<String, Object>> first = (List<Map<String, Object>>) list.getFirst().get("curve");
        for (int i = 0; i < first.size(); i++) {
            int at = i;
            double[] p50 = list.stream().mapToDouble(r -> num(((List<Map<String, Object>>) r.get("curve")).get(at), "p50_ms")).toArray();
            double[] p99 = list.stream().mapToDouble(r -> num(((List<Map<String, Object>>) r.get("curve")).get(at), "p99_ms")).toArray();
            double[] recall = list.stream().mapToDouble(r -> num(((List<Map<String, Object>>) r.get("curve")).get(at), "recall_at_10")).toArray();
            double[] ties = list.stream().mapToDouble(r -> num(((List<Map<String, Object>>) r.get("curve")).get(at), "recall_at_10_ties")).toArray();
            Map<String, Object> p = first.get(i);
            points.add(new CurvePoint((String) p.get("setting"), Boolean.TRUE.equals(p.get("default")), Spread.of(p50).median(),
                    Spread.of(p99).median(), Spread.of(recall).median(), Spread.of(ties).median()));
        }
        return points;
    }

    CurvePoint defaultPoint(String engine) {
        return curve(engine).stream().filter(CurvePoint::isDefault).findFirst().orElseThrow();
    }

    /** The fastest setting (median p50) whose recall reaches {@code recall}, if any does. */
    Optional<CurvePoint> fastestAtRecall(String engine, double recall) {
        return curve(engine).stream().filter(p -> p.recall() >= recall).min((a, b) -> Double.compare(a.p50Ms(), b.p50Ms()));
    }

    /** NaN for a figure an older results file does not have. */
    private static double num(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
