package dev.mvs.bench.e2e;

import dev.mvs.engine.embed.EmbeddingModel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 16's model table: every shipped model × {chunk text, header + text}, plus today's default with
 * the batching before issue 16 (reading order, batches of 32 padded to their longest), each a fresh
 * index of one real corpus in its own JVM: phase-2 rate, the model's busy share, load time, peak RSS,
 * hit@1/hit@5 per search mode on the relevance sets whose answers the corpus holds; then each int8
 * model's vectors against its fp32 twin's.
 *
 * <pre>
 * ModelMatrix (--corpus DIR | --python-stdlib DIR) --questions FILE [--questions FILE]... [--work DIR] [--out DIR] [--max-tokens N]
 * </pre>
 * With --python-stdlib the corpus is the standard library without its tests and installed packages, as the
 * end-to-end benchmark materialises it.
 * Results are saved after every configuration ({@code results.json}); a second run with the same --out
 * skips what is there, so an interrupted matrix resumes.
 */
public final class ModelMatrix {

    record Config(String name, String model, String embed, String order) {}

    private ModelMatrix() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path corpus = null;
        Path stdlib = null;
        List<String> questions = new ArrayList<>();
        Path work = Path.of(System.getProperty("user.home"), ".cache", "mvs-engine", "bench", "models");
        Path out = Path.of("bench", "results", LocalDate.now() + "-models");
        int tokens = 256;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--corpus" -> corpus = Path.of(args[++i]);
                case "--python-stdlib" -> stdlib = Path.of(args[++i]);
                case "--questions" -> questions.add(Path.of(args[++i]).toAbsolutePath().toString());
                case "--work" -> work = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--max-tokens" -> tokens = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: --corpus DIR --questions FILE... [--work DIR] [--out DIR] [--max-tokens N])");
            }
        }
        if (corpus == null && stdlib != null) {
            corpus = new Corpora(work, Path.of(System.getProperty("java.home"), "lib", "src.zip"), stdlib).python();
        }
        if (corpus == null || questions.isEmpty()) {
            throw new IllegalArgumentException("a corpus (--corpus or --python-stdlib) and at least one --questions are required");
        }
        String nativeLib = System.getProperty("mvs.native.path");
        ChildStage child = new ChildStage(Path.of(nativeLib));
        Files.createDirectories(out);
        Path json = out.resolve("results.json");
        Map<String, Object> results = Files.exists(json)
                ? new Gson().fromJson(Files.readString(json), new TypeToken<LinkedHashMap<String, Object>>() {}.getType())
                : new LinkedHashMap<>();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("corpus", corpus.toString());
        header.put("max_tokens", tokens);
        header.put("chunker", "lines");
        header.put("cpus", Runtime.getRuntime().availableProcessors());
        header.put("java", System.getProperty("java.version"));
        header.put("fusion_candidates_k5", dev.mvs.engine.search.Searcher.fusionCandidates(5));
        header.put("command", String.join(" ", "./bench/models.sh", String.join(" ", args)).strip());
        results.put("header", header);
        List<Config> configs = new ArrayList<>();
        configs.add(new Config("all-minilm-l6-v2 text, reading order (before)", EmbeddingModel.MINILM.id(), "text", "reading"));
        for (EmbeddingModel m : EmbeddingModel.ALL) {
            for (String embed : List.of("text", "header")) {
                configs.add(new Config(m.id() + " " + embed, m.id(), embed, "sorted"));
            }
        }
        for (Config c : configs) {
            if (results.containsKey(c.name())) {
                System.err.println("bench: kept " + c.name());
                continue;
            }
            Path index = work.resolve(c.model() + "-" + c.embed() + "-" + c.order());
            List<String> stage = new ArrayList<>(List.of("model-index", corpus.toString(), index.toString(), c.model(), c.embed(), c.order(),
                    Integer.toString(tokens), "lines"));
            stage.addAll(questions);
            Map<String, Object> r = new LinkedHashMap<>(child.run(stage.toArray(String[]::new)));
            r.put("index", index.toString());
            results.put(c.name(), r);
            save(json, results);
        }
        for (EmbeddingModel q : List.of(EmbeddingModel.MINILM_Q, EmbeddingModel.BGE_SMALL_Q)) {
            EmbeddingModel full = q == EmbeddingModel.MINILM_Q ? EmbeddingModel.MINILM : EmbeddingModel.BGE_SMALL;
            String key = "compare " + q.id() + " vs " + full.id();
            if (!results.containsKey(key)) {
                results.put(key, child.run("model-compare", work.resolve(full.id() + "-text-sorted").toString(),
                        work.resolve(q.id() + "-text-sorted").toString()));
                save(json, results);
            }
        }
        Files.writeString(out.resolve("results.md"), ModelTable.markdown(results, configs), StandardCharsets.UTF_8);
        System.out.println(Files.readString(out.resolve("results.md")));
    }

    private static void save(Path json, Map<String, Object> results) throws IOException {
        Path tmp = json.resolveSibling("results.json.tmp");
        Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(results), StandardCharsets.UTF_8);
        Files.move(tmp, json, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
