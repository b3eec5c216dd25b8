package dev.mvs.engine.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What changes whenever a writer commits to an index: engine.json (rewritten by every run, restore and
 * rebuild switch) and the version directories of the searched generation's tables (a new manifest per
 * commit). Two marks differ when a reader opened between them would see different data. Stats only, no
 * table is opened: cheap enough to take before every search of a long-lived reader.
 */
public record IndexMark(List<Object> parts) {

    public static IndexMark of(Path indexDir) throws IOException {
        IndexLayout layout = new IndexLayout(indexDir);
        List<Object> parts = new ArrayList<>();
        parts.add(modified(layout.engineJson()));
        Optional<EngineState> state = EngineState.read(layout);
        if (state.isPresent() && state.get().generation() != null) {
            IndexLayout.Generation g = layout.generation(state.get().generation());
            parts.add(state.get().generation());
            parts.add(modified(g.chunks().resolve("_versions")));
            parts.add(modified(g.vectors().resolve("_versions")));
        }
        return new IndexMark(List.copyOf(parts));
    }

    private static FileTime modified(Path p) throws IOException {
        try {
            return Files.getLastModifiedTime(p);
        } catch (NoSuchFileException e) {
            return FileTime.fromMillis(0);
        }
    }
}
