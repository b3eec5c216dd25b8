package dev.mvs.engine.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mvs.engine.embed.Embedder;
import dev.mvs.engine.embed.HashEmbedder;
import dev.mvs.engine.embed.ForwardingEmbedder;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WarmModelTest {

    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();

    private EmbedderSpec spec(int maxTokens) {
        return new EmbedderSpec(HashEmbedder.MODEL_ID, 16, maxTokens, () -> {
            loads.incrementAndGet();
            return new Counted(new HashEmbedder(16), closes);
        });
    }

    @Test
    void runsBorrowOneLoadedModelAndOnlyTheHolderClosesIt() throws Exception {
        try (WarmModel warm = new WarmModel()) {
            EmbedderSpec kept = warm.keep(spec(256));
            for (int run = 0; run < 3; run++) {
                try (Embedder e = kept.loader().load()) {
                    assertArrayEquals(new HashEmbedder(16).embedQuery("tide"), e.embedQuery("tide"));
                }
            }
            assertEquals(1, loads.get(), "loaded by the first run only");
            assertEquals(0, closes.get(), "a run closing its embedder leaves the model loaded");
            warm.keep(spec(128)).loader().load().close();
            assertEquals(2, loads.get(), "another truncation is another model");
            assertEquals(1, closes.get(), "the one before is closed");
        }
        assertEquals(2, closes.get(), "closing the holder closes the model");
    }

    private record Counted(Embedder delegate, AtomicInteger closes) implements ForwardingEmbedder {
        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
