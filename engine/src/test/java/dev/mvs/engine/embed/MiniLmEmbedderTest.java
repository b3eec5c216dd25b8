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

/**
 * The real model against reference vectors computed by an independent path (Python onnxruntime +
 * HF tokenizers, src/test/resources/embed/reference_embeddings.py).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MiniLmEmbedderTest {

    @TempDir
    static Path cache;
    private NativeRuntime runtime;
    private MiniLmEmbedder embedder;

    @BeforeAll
    void load() throws IOException {
        runtime = NativeRuntime.create(2);
        embedder = MiniLmEmbedder.load(runtime, MiniLmEmbedder.Options.defaults().withCacheDir(cache).withThreads(2));
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
            assertEquals(MiniLmEmbedder.DIMENSION, v.length);
            double cos = cosine(v, ref.vector());
            assertTrue(cos >= 0.999, "cosine " + cos + " for \"" + ref.text() + "\"");
        }
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

    /** Reads the committed JSON with a regex: three flat records, no JSON library needed. */
    private static List<Reference> references() throws IOException {
        String json;
        try (InputStream in = MiniLmEmbedderTest.class.getResourceAsStream("/embed/reference_embeddings.json")) {
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
