package dev.mvs.engine.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class HashEmbedderTest {

    private final HashEmbedder embedder = new HashEmbedder(64);

    @Test
    void sameTextSameVectorAcrossInstances() {
        assertArrayEquals(embedder.embed(List.of("read the file")).getFirst(),
                new HashEmbedder(64).embed(List.of("read the file")).getFirst());
    }

    @Test
    void vectorsAreUnitLengthEvenForEmptyText() {
        for (float[] v : embedder.embed(List.of("", "   ", "parse int from string"))) {
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            assertEquals(1.0, norm, 1e-5);
        }
    }

    @Test
    void sharedWordsMeanCloserVectors() {
        List<float[]> v = embedder.embed(List.of("open file read bytes", "read bytes from file", "socket accept connection"));
        assertTrue(dot(v.get(0), v.get(1)) > dot(v.get(0), v.get(2)));
    }

    @Test
    void rejectsADegenerateDimension() {
        assertThrows(IllegalArgumentException.class, () -> new HashEmbedder(1));
    }

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }
}
