package dev.mvs.engine.search;

import dev.mvs.engine.error.EngineException;
import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.store.RowValues;
import dev.mvs.engine.store.Sql;
import dev.mvs.ffi.ResultRows;
import dev.mvs.ffi.ScanRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Chunks nearest to a place in the index, seeded by the vectors already stored there (no model call):
 * the chunk holding a line, or, without a line, the whole file (the mean of its chunks' vectors).
 * The seed itself is left out of the results; identical copies of it elsewhere are not.
 */
final class SimilarChunks {

    private SimilarChunks() {}

    /** The {@code k} nearest chunks, of which the first {@code shown} are shown (as in {@link SemanticSearch}). */
    static List<SearchHit> search(OpenIndex index, String path, Integer line, int k, int shown, Filters filters, SearchRequest.VectorSetting tuning)
            throws IOException {
        if (!index.hasVectors()) {
            throw new EngineException.IndexMissing("finding similar code needs embeddings, and this index has none yet; run engine-cli index");
        }
        String inFile = IndexSchemas.PATH + " = " + Sql.quote(path);
        String where = line == null ? inFile
                : inFile + " AND " + IndexSchemas.START_LINE + " <= " + line + " AND " + IndexSchemas.END_LINE + " >= " + line;
        ResultRows seeds = index.chunks().scanRows(ScanRequest.all().withColumns(IndexSchemas.CHUNK_ID, IndexSchemas.START_LINE,
                IndexSchemas.END_LINE, IndexSchemas.CONTENT_HASH).withFilter(where));
        if (seeds.size() == 0) {
            throw new EngineException.InvalidRequest(line == null || !IndexedPaths.known(index, path)
                    ? IndexedPaths.unknown(path) : "no chunk of " + path + " holds line " + line);
        }
        List<Integer> chosen = line == null ? allRows(seeds) : List.of(narrowest(seeds));
        Set<String> ids = new LinkedHashSet<>();
        Set<String> hashes = new LinkedHashSet<>();
        for (int i : chosen) {
            ids.add(seeds.text(IndexSchemas.CHUNK_ID, i));
            hashes.add(seeds.text(IndexSchemas.CONTENT_HASH, i));
        }
        float[] seed = meanOf(storedVectors(index, hashes));
        if (seed == null) {
            throw new EngineException.InvalidRequest((line == null ? path : path + ":" + line)
                    + " has no embedding yet (phase 2 has not reached it); run engine-cli index, or search by keyword");
        }
        String notSeed = "NOT (" + String.join(" OR ", Sql.inLists(IndexSchemas.CHUNK_ID, ids)) + ")";
        String predicate = filters.sql() == null ? notSeed : filters.sql() + " AND " + notSeed;
        return SemanticSearch.search(index, seed, k, shown, predicate, tuning);
    }

    private static List<Integer> allRows(ResultRows rows) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            all.add(i);
        }
        return all;
    }

    /** The chunk with the fewest lines holding the line (line windows overlap; a class holds its methods in some chunkers). */
    private static int narrowest(ResultRows rows) {
        int best = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (span(rows, i) < span(rows, best)) {
                best = i;
            }
        }
        return best;
    }

    private static int span(ResultRows rows, int i) {
        return rows.int32(IndexSchemas.END_LINE, i) - rows.int32(IndexSchemas.START_LINE, i);
    }

    private static List<float[]> storedVectors(OpenIndex index, Set<String> hashes) throws IOException {
        Map<String, float[]> byHash = new HashMap<>();
        for (String predicate : Sql.inLists(IndexSchemas.CONTENT_HASH, hashes)) {
            try (ArrowReader reader = index.vectors().scan(ScanRequest.all().withColumns(IndexSchemas.CONTENT_HASH, IndexSchemas.VECTOR)
                    .withFilter(predicate))) {
                while (reader.loadNextBatch()) {
                    RowValues.vectorsByHash(reader.getVectorSchemaRoot(), byHash);
                }
            }
        }
        return new ArrayList<>(byHash.values());
    }

    /** The normalised mean (the models' vectors are unit length, and the index compares by L2), or null for none. */
    static float[] meanOf(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            return null;
        }
        float[] mean = new float[vectors.getFirst().length];
        for (float[] v : vectors) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += v[d];
            }
        }
        double norm = 0;
        for (float x : mean) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int d = 0; d < mean.length; d++) {
            mean[d] = norm == 0 ? 0 : (float) (mean[d] / norm);
        }
        return mean;
    }
}
