package dev.mvs.engine.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.ffi.NativeRuntime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real model against reference vectors computed by an independent path (Python onnxruntime +
 * HF tokenizers, src/test/resources/embed/reference_embeddings.py), and the batching that must not change them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxEmbedderTest {

    @TempDir
    static Path cache;
    private NativeRuntime runtime;
    private OnnxEmbedder embedder;

    @BeforeAll
    void load() throws IOException {
        runtime = NativeRuntime.create(2);
        embedder = OnnxEmbedder.load(runtime, EmbeddingModel.MINILM, OnnxEmbedder.Options.defaults().withCacheDir(cache).withThreads(2));
    }

    @AfterAll
    void close() {
        embedder.close();
        runtime.close();
    }

    @Test
    void matchesTheReferenceVectorsOneByOne() throws IOException {
        for (Reference ref : references()) {
            float[] v = embedder.embed(List.of(ref.text())).getFirst();
            assertEquals(384, v.length);
            double cos = cosine(v, ref.vector());
            assertTrue(cos >= 0.999, "cosine " + cos + " for \"" + ref.text() + "\"");
        }
    }

    /** Every shipped model, pooled its own way (mean or CLS), against its own reference; int8 kernels differ by CPU, so a looser bound. */
    @ParameterizedTest
    @MethodSource("models")
    void everyModelMatchesItsReferenceVectorsAlsoInABatch(EmbeddingModel model) throws IOException {
        List<Reference> refs = references(model);
        try (OnnxEmbedder e = OnnxEmbedder.load(runtime, model, OnnxEmbedder.Options.defaults().withCacheDir(cache).withThreads(2))) {
            List<float[]> batch = e.embed(refs.stream().map(Reference::text).toList());
            for (int i = 0; i < refs.size(); i++) {
                double cos = cosine(batch.get(i), refs.get(i).vector());
                assertTrue(cos >= (model.quantized() ? 0.99 : 0.999), model.id() + ": cosine " + cos + " for \"" + refs.get(i).text() + "\"");
            }
            String query = "read a file line by line";
            double self = cosine(e.embedQuery(query), e.embed(List.of(model.queryPrefix() + query)).getFirst());
            assertEquals(1.0, self, 1e-6, "a query is embedded with the model's prefix");
        }
    }

    static List<EmbeddingModel> models() {
        return EmbeddingModel.ALL;
    }

    @Test
    void aPaddedBatchGivesTheSameVectorsAsSingleTexts() throws IOException {
        List<Reference> refs = references();
        List<float[]> batch = embedder.embed(refs.stream().map(Reference::text).toList());
        for (int i = 0; i < refs.size(); i++) {
            double cos = cosine(batch.get(i), refs.get(i).vector());
            assertTrue(cos >= 0.999, "cosine " + cos + " for \"" + refs.get(i).text() + "\" in a batch");
        }
    }

    @Test
    void shortTextsAreNotPaddedAndLongOnesAreCutAtMaxTokens() {
        // The tokenizer.json in the jar asks for fixed padding to 128: a short text must stay short.
        List<PreparedBatch> batches = embedder.prepare(List.of("int x;", "int y = 2;\n".repeat(500)));
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (PreparedBatch b : batches) {
            for (long[] ids : b.tokenIds()) {
                shortest = Math.min(shortest, ids.length);
                longest = Math.max(longest, ids.length);
            }
        }
        assertTrue(shortest <= 6, "a three-word text took " + shortest + " tokens");
        assertEquals(OnnxEmbedder.DEFAULT_MAX_TOKENS, longest);
    }

    @Test
    void aMixedBatchInAnyOrderGivesEveryTextItsOwnVector() throws IOException {
        List<Reference> refs = references();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // more than one model batch, lengths mixed
            texts.add(i % 4 == 3 ? "word ".repeat(200 + i) : refs.get(i % 3).text());
        }
        List<float[]> vectors = embedder.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            if (i % 4 != 3) {
                double cos = cosine(vectors.get(i), refs.get(i % 3).vector());
                assertTrue(cos >= 0.999, "cosine " + cos + " at position " + i);
            }
        }
    }

    @Test
    void textsLongerThanTheModelLimitAreTruncatedNotRejected() {
        String longText = "int x = 1;\n".repeat(2_000);
        float[] v = embedder.embed(List.of(longText)).getFirst();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-3);
    }

    @Test
    void theModelLoadTookTheFencesExclusiveSide() {
        assertTrue(runtime.fenceStats().exclusiveAcquisitions() >= 1, runtime.fenceStats().toString());
        assertEquals(0, runtime.fenceStats().overlaps());
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private record Reference(String text, float[] vector) {}

    private static List<Reference> references() throws IOException {
        return references(EmbeddingModel.MINILM);
    }

    /** Reads the committed JSON with a regex: three flat records, no JSON library needed. */
    private static List<Reference> references(EmbeddingModel model) throws IOException {
        String json;
        String file = model == EmbeddingModel.MINILM ? "/embed/reference_embeddings.json" : "/embed/reference_embeddings-" + model.id() + ".json";
        try (InputStream in = OnnxEmbedderTest.class.getResourceAsStream(file)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("\"text\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\".*?\"vector\":\\s*\\[([^\\]]*)]", Pattern.DOTALL).matcher(json);
        List<Reference> out = new ArrayList<>();
        while (m.find()) {
            String[] parts = m.group(2).split(",");
            float[] v = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Float.parseFloat(parts[i].trim());
            }
            out.add(new Reference(m.group(1), v));
        }
        assertEquals(3, out.size(), "reference file has three embeddings");
        return out;
    }
}
