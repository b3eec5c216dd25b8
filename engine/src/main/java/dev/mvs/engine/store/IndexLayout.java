package dev.mvs.engine.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where everything of one index lives (docs/storage.md): engine.json names the
 * current generation, a directory holding files.lance, chunks.lance and vectors.lance. A rebuild
 * writes a new generation beside the current one and switches by rewriting engine.json atomically,
 * so a reader always sees one whole generation.
 */
public record IndexLayout(Path dir) {

    public static final String GENERATION_PREFIX = "gen-";

    public Path engineJson() {
        return dir.resolve(EngineState.FILE);
    }

    public Path lockFile() {
        return dir.resolve("lock");
    }

    /** What the last background vector fold said (engine-cli index starts it; its output has no terminal). */
    public Path foldLog() {
        return dir.resolve("fold.log");
    }

    public Generation generation(String name) {
        return new Generation(name, dir.resolve(name));
    }

    /** The name after the highest generation on disk (numbers are never reused, even after a failed build). */
    public String nextGenerationName() throws IOException {
        long max = 0;
        for (String name : generationNames()) {
            max = Math.max(max, Long.parseLong(name.substring(GENERATION_PREFIX.length())));
        }
        return String.format(Locale.ROOT, "%s%06d", GENERATION_PREFIX, max + 1);
    }

    public List<String> generationNames() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches(GENERATION_PREFIX + "\\d{6,}"))
                    .sorted()
                    .forEach(names::add);
        }
        return names;
    }

    /** One generation's tables. */
    public record Generation(String name, Path dir) {
        public Path files() {
            return dir.resolve(IndexSchemas.FILES_TABLE);
        }

        public Path chunks() {
            return dir.resolve(IndexSchemas.CHUNKS_TABLE);
        }

        public Path vectors() {
            return dir.resolve(IndexSchemas.VECTORS_TABLE);
        }

        public Path journal() {
            return dir.resolve("journal");
        }
    }
}
