package dev.mvs.bench.e2e;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Redraws the plots of a results directory from its results.json (raw runs), e.g. after a change
 * to how plots look, without measuring again: {@code Replot bench/results/DATE}.
 */
public final class Replot {

    private Replot() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Map<String, Object> json = new Gson().fromJson(Files.readString(dir.resolve("results.json"), StandardCharsets.UTF_8),
                new TypeToken<Map<String, Object>>() {}.getType());
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> runs = (Map<String, List<Map<String, Object>>>) json.get("runs");
        Results results = new Results();
        runs.forEach((group, list) -> list.forEach(run -> results.add(group, run)));
        String subtitle = json.get("vector_corpus") + ", " + json.get("mode");
        System.out.println("wrote " + Plots.write(results, VectorStore.ENGINES, dir, subtitle));
    }
}
