package dev.mvs.bench.e2e;

import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.store.TableMaintenance;
import dev.mvs.ffi.VectorIndexSpec;

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

    /** The settings swept for the latency/recall curve over {@code rows} rows: the IVF_RQ sweep of the pipeline's index unless the engine has another. */
    default List<SearchSetting> settings(long rows, int dimension) {
        return withDefault(shareSweep(rows), defaultSetting(rows, dimension));
    }

    /** The setting compared across engines: mvs-engine's search default for its IVF_RQ index at this size. */
    default SearchSetting defaultSetting(long rows, int dimension) {
        return engineDefault(rows, dimension, "IVF_RQ");
    }

    /** What {@code Searcher} would use over a vector index of {@code indexType} ("IVF_RQ", "IVF_PQ"...) of {@code rows} rows. */
    static SearchSetting engineDefault(long rows, int dimension, String indexType) {
        SearchRequest.VectorSetting d = SearchRequest.defaultVectorSetting(rows, dimension, indexType);
        return SearchSetting.ivf(d.nprobes(), d.refineFactor());
    }

    /** Ids of the k nearest rows, their chunk id and path read as well. */
    int[] search(float[] query, int k, SearchSetting setting) throws Exception;

    static VectorStore open(String engine, int threads) {
        return switch (engine) {
            case "mvs-engine" -> new MvsVectorStore(threads, VectorIndexSpec.Kind.IVF_RQ);
            case "mvs-ivf-pq" -> new MvsVectorStore(threads, VectorIndexSpec.Kind.IVF_PQ);
            case "mvs-ivf-sq" -> new MvsVectorStore(threads, VectorIndexSpec.Kind.IVF_SQ);
            case "mvs-ivf-hnsw-sq" -> new MvsVectorStore(threads, VectorIndexSpec.Kind.IVF_HNSW_SQ);
            case "lance-jni" -> new LanceJniVectorStore();
            case "lucene-hnsw" -> new LuceneVectorStore();
            default -> throw new IllegalArgumentException("unknown engine " + engine + " (" + String.join(", ", ENGINES) + ", "
                    + String.join(", ", INDEX_TYPES) + ")");
        };
    }

    List<String> ENGINES = List.of("mvs-engine", "lance-jni", "lucene-hnsw");

    /** mvs-engine with each Lance vector index type (issue 18's comparison); "mvs-engine" is its default, IVF_RQ. */
    List<String> INDEX_TYPES = List.of("mvs-engine", "mvs-ivf-pq", "mvs-ivf-sq", "mvs-ivf-hnsw-sq");

    /** The IVF_PQ sweep (the pipeline's index before IVF_RQ), by refine factor, then partitions probed. */
    static List<SearchSetting> ivfSweep() {
        return sorted(new ArrayList<>(List.of(SearchSetting.ivf(5, 0), SearchSetting.ivf(10, 0), SearchSetting.ivf(20, 0),
                SearchSetting.ivf(5, 5), SearchSetting.ivf(10, 5), SearchSetting.ivf(20, 5), SearchSetting.ivf(40, 5), SearchSetting.ivf(40, 10),
                SearchSetting.ivf(80, 10), SearchSetting.ivf(160, 10), SearchSetting.ivf(320, 10))));
    }

    /** Shares of the sqrt(rows) partitions probed, each with refine 0, 2 and 5 (IVF_RQ and IVF_SQ); by refine, then probes. */
    static List<SearchSetting> shareSweep(long rows) {
        int partitions = TableMaintenance.partitionsFor(rows);
        List<SearchSetting> sweep = new ArrayList<>();
        for (int refine : new int[] {0, 2, 5}) {
            for (double share : new double[] {0.02, 0.04, 0.08, 0.16, 0.33, 0.4, 0.5, 0.65}) {
                sweep.add(SearchSetting.ivf((int) Math.max(1, Math.round(share * partitions)), refine));
            }
        }
        return sorted(sweep);
    }

    /** {@code sweep} with {@code dflt} among it, in the same order. */
    static List<SearchSetting> withDefault(List<SearchSetting> sweep, SearchSetting dflt) {
        List<SearchSetting> all = new ArrayList<>(sweep);
        if (!all.contains(dflt)) {
            all.add(dflt);
        }
        return sorted(all);
    }

    private static List<SearchSetting> sorted(List<SearchSetting> sweep) {
        sweep.sort(Comparator.comparingInt(SearchSetting::second).thenComparingInt(SearchSetting::first));
        return List.copyOf(sweep);
    }
}
