package dev.mvs.bench.e2e;

import dev.mvs.engine.search.SearchRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One engine storing and searching the run's vectors: mvs-engine, the Lance Java binding, Lucene. */
sealed interface VectorStore extends AutoCloseable permits MvsVectorStore, LanceJniVectorStore, LuceneVectorStore {

    /** Writes every row of {@code vectors} with its payload into a new store at {@code dir}. */
    void ingest(Path dir, VectorFile vectors, Payload payload) throws Exception;

    /** Builds the ANN index over what was ingested (Lucene: merges its per-segment graphs into one). */
    void buildIndex() throws Exception;

    /** The settings swept for the latency/recall curve over {@code rows} rows, cheapest first: the IVF sweep unless the engine has no IVF. */
    default List<SearchSetting> settings(long rows, int dimension) {
        return ivfSweep(defaultSetting(rows, dimension));
    }

    /** The setting compared across engines: the engine's default (mvs-engine's search defaults for IVF, which depend on the size). */
    default SearchSetting defaultSetting(long rows, int dimension) {
        return SearchSetting.ivf(SearchRequest.defaultNprobes(rows, dimension), SearchRequest.DEFAULT_REFINE);
    }

    /** Ids of the k nearest rows, their chunk id and path read as well. */
    int[] search(float[] query, int k, SearchSetting setting) throws Exception;

    static VectorStore open(String engine, int threads) {
        return switch (engine) {
            case "mvs-engine" -> new MvsVectorStore(threads);
            case "lance-jni" -> new LanceJniVectorStore();
            case "lucene-hnsw" -> new LuceneVectorStore();
            default -> throw new IllegalArgumentException("unknown engine " + engine + " (mvs-engine, lance-jni, lucene-hnsw)");
        };
    }

    List<String> ENGINES = List.of("mvs-engine", "lance-jni", "lucene-hnsw");

    /** The IVF sweep both Lance engines run, with mvs-engine's default for the size among it; by refine factor, then partitions probed. */
    static List<SearchSetting> ivfSweep(SearchSetting dflt) {
        List<SearchSetting> sweep = new ArrayList<>(List.of(SearchSetting.ivf(5, 0), SearchSetting.ivf(10, 0), SearchSetting.ivf(20, 0),
                SearchSetting.ivf(5, 5), SearchSetting.ivf(10, 5), SearchSetting.ivf(20, 5), SearchSetting.ivf(40, 5), SearchSetting.ivf(40, 10),
                SearchSetting.ivf(80, 10), SearchSetting.ivf(160, 10), SearchSetting.ivf(320, 10)));
        if (!sweep.contains(dflt)) {
            sweep.add(dflt);
        }
        sweep.sort(Comparator.comparingInt(SearchSetting::second).thenComparingInt(SearchSetting::first));
        return List.copyOf(sweep);
    }
}
