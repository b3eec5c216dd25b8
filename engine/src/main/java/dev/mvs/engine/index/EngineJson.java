package dev.mvs.engine.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;

/** engine.json: what an index directory holds (schema version, phase, counts), written atomically. */
final class EngineJson {

    static final String FILE = "engine.json";

    private EngineJson() {}

    static void write(Path indexDir, long files, long chunks) throws IOException {
        String json = String.format(Locale.ROOT,
                "{%n  \"schema_version\": %d,%n  \"phase\": 1,%n  \"files\": %d,%n  \"chunks\": %d,%n  \"written\": \"%s\"%n}%n",
                IndexSchemas.VERSION, files, chunks, Instant.now());
        Path tmp = indexDir.resolve(FILE + ".tmp");
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        // Readers see the old file or the new one, never half of one.
        Files.move(tmp, indexDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
