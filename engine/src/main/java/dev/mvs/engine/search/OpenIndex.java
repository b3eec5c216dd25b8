package dev.mvs.engine.search;

import dev.mvs.engine.error.EngineException;

import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.store.TableOpener;
import dev.mvs.ffi.IndexInfo;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The current generation of an index, opened for reading: engine.json is read once, so a search sees
 * one generation even if a rebuild switches meanwhile. Takes no lock; writers never block it.
 */
public final class OpenIndex implements AutoCloseable {

    private final EngineState state;
    private final Table chunks;
    private final Table vectors;

    private final List<String> warnings;
    private String vectorIndexType; // "" when there is none; null until read
    private Boolean vectorsCarryHits; // null until read

    private OpenIndex(EngineState state, Table chunks, Table vectors, List<String> warnings) {
        this.warnings = List.copyOf(warnings);
        this.state = state;
        this.chunks = chunks;
        this.vectors = vectors;
    }

    /** @throws EngineException.IndexMissing when there is no searchable index at {@code indexDir} */
    public static OpenIndex open(NativeRuntime runtime, Path indexDir) throws IOException {
        IndexLayout layout = new IndexLayout(indexDir);
        EngineState state = EngineState.read(layout).orElseThrow(() -> new EngineException.IndexMissing(indexDir));
        if (state.generation() == null || !Files.isDirectory(layout.generation(state.generation()).chunks())) {
            throw new EngineException.IndexMissing(indexDir);
        }
        if (!IndexSchemas.readable(state.schemaVersion())) {
            throw new EngineException.IncompatibleIndex(indexDir,
                    "has schema version " + state.schemaVersion() + ", this engine reads " + IndexSchemas.OLDEST_READABLE + " to " + IndexSchemas.VERSION);
        }
        IndexLayout.Generation g = layout.generation(state.generation());
        List<String> warnings = new ArrayList<>();
        Table chunks = TableOpener.openNewestReadableToSearch(runtime, g.chunks(), warnings::add).table();
        Table vectors = null;
        try {
            if (Files.isDirectory(g.vectors().resolve("_versions"))) {
                vectors = TableOpener.openNewestReadableToSearch(runtime, g.vectors(), warnings::add).table();
            }
        } catch (IOException | RuntimeException e) {
            chunks.close();
            throw e;
        }
        return new OpenIndex(state, chunks, vectors, warnings);
    }

    /** Damaged newest versions this reader stepped around (searching an older, readable version). */
    public List<String> warnings() {
        return warnings;
    }

    public EngineState state() {
        return state;
    }

    Table chunks() {
        return chunks;
    }

    /** vectors.lance, or null before phase 2 wrote anything. */
    Table vectors() {
        return vectors;
    }

    /** Whether every chunk has a vector (hybrid is then the default mode). */
    public boolean fullyEmbedded() {
        return vectors != null && vectors.countRows() >= chunks.countRows();
    }

    /** The vector index's type as Lance names it (IVF_RQ, IVF_PQ...), or null while search is exhaustive; read once. */
    public String vectorIndexType() {
        if (vectorIndexType == null) {
            vectorIndexType = Optional.ofNullable(vectors).flatMap(t -> t.indexOn(IndexSchemas.VECTOR)).map(IndexInfo::type).orElse("");
        }
        return vectorIndexType.isEmpty() ? null : vectorIndexType;
    }

    /** Whether vectors.lance has the {@link IndexSchemas#HIT} column (not a version-1 table); read once. */
    boolean vectorsCarryHits() {
        if (vectorsCarryHits == null) {
            vectorsCarryHits = vectors != null && IndexSchemas.hasHit(vectors.schema());
        }
        return vectorsCarryHits;
    }

    /** The default vector search setting for this index's vector index type and size. */
    SearchRequest.VectorSetting defaultVectorSetting() {
        return SearchRequest.defaultVectorSetting(state.vectors(), state.dimension(), vectorIndexType());
    }

    public boolean hasVectors() {
        return vectors != null && vectors.countRows() > 0;
    }

    @Override
    public void close() {
        chunks.close();
        if (vectors != null) {
            vectors.close();
        }
    }
}
