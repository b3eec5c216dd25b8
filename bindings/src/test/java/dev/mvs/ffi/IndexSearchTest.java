package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexSearchTest {

    private static final int ROWS = 4_000;

    @TempDir
    Path dir;

    private NativeRuntime runtime;
    private Table table;

    @BeforeEach
    void setUp() {
        runtime = NativeRuntime.create(2);
        table = Table.create(runtime, dir.resolve("t.lance"), VectorRows.reader(runtime.allocator(), 0, ROWS));
    }

    @AfterEach
    void tearDown() {
        table.close();
        runtime.close();
    }

    private List<Long> ids(NearestQuery query) throws IOException {
        return VectorRows.longs(table.nearest(query.withColumns("id")), "id");
    }

    private double recall(VectorIndexSpec spec, NearestQuery tuning) throws IOException {
        table.createVectorIndex("vector", "vector_idx", spec);
        int hits = 0;
        int total = 0;
        for (long q = 0; q < 20; q++) {
            float[] v = VectorRows.vector(7_000 + q * 13);
            NearestQuery query = new NearestQuery("vector", v, 10, tuning.nprobes(), tuning.refineFactor(), tuning.ef(),
                    Distance.DEFAULT, true, false, List.of(), null);
            Set<Long> exact = new HashSet<>(ids(query.exactly()));
            List<Long> approx = ids(query);
            assertEquals(10, approx.size());
            hits += (int) approx.stream().filter(exact::contains).count();
            total += 10;
        }
        return hits / (double) total;
    }

    @Test
    void flatSearchWithoutAnIndexIsExact() throws IOException {
        float[] v = VectorRows.vector(42);
        try (ArrowReader reader = table.nearest(NearestQuery.of("vector", v, 5).withColumns("id"))) {
            assertTrue(reader.loadNextBatch());
            Float4Vector distance = (Float4Vector) reader.getVectorSchemaRoot().getVector("_distance");
            assertEquals(0f, distance.get(0), "the row itself is its own nearest neighbour");
        }
        assertEquals(42L, ids(NearestQuery.of("vector", v, 1)).getFirst());
    }

    @Test
    void ivfPqIndexFindsTheExactNeighbours() throws IOException {
        double recall = recall(VectorIndexSpec.ivfPq(8, 8), NearestQuery.of("v", new float[1], 1).withNprobes(8).withRefine(10));
        assertTrue(recall >= 0.9, "IVF_PQ recall@10 with refine " + recall);
        IndexInfo info = table.indexes().getFirst();
        assertEquals("vector_idx", info.name());
        assertEquals("vector", info.column());
        assertEquals(0, info.rowsUnindexed());
    }

    @Test
    void ivfSqIndexFindsTheExactNeighbours() throws IOException {
        double recall = recall(VectorIndexSpec.ivfSq(8).withDistance(Distance.L2), NearestQuery.of("v", new float[1], 1).withNprobes(8).withRefine(5));
        assertTrue(recall >= 0.9, "IVF_SQ recall@10 with refine " + recall);
    }

    @Test
    void ivfHnswSqIndexFindsTheExactNeighbours() throws IOException {
        double recall = recall(VectorIndexSpec.ivfHnswSq(4, 16, 100), NearestQuery.of("v", new float[1], 1).withNprobes(4).withEf(64).withRefine(5));
        assertTrue(recall >= 0.9, "IVF_HNSW_SQ recall@10 with refine " + recall);
    }

    @Test
    void ivfRqIndexFindsTheExactNeighbours() throws IOException {
        double recall = recall(VectorIndexSpec.ivfRq(8, 0), NearestQuery.of("v", new float[1], 1).withNprobes(8).withRefine(10));
        assertTrue(recall >= 0.9, "IVF_RQ recall@10 with refine " + recall);
        assertEquals("IVF_RQ", table.indexes().getFirst().type());
    }

    @Test
    void rowIdQueriesAskTheIndexDirectlyOnlyWhenItAnswersAsAPlannedQueryWould() throws IOException {
        table.createVectorIndex("vector", "vector_idx", VectorIndexSpec.ivfRq(8, 0));
        // Row ids alone, no filter, no refine: native nearest.rs asks the index without Lance's planner. Another column
        // beside them: the query is planned. Both must find the same rows at the same distances.
        for (long q = 0; q < 20; q++) {
            NearestQuery query = NearestQuery.of("vector", VectorRows.vector(q * 97 + 5), 10).withNprobes(4);
            ResultRows direct = table.nearestRows(query.withColumns("_rowid"));
            ResultRows planned = table.nearestRows(query.withColumns("_rowid", "id"));
            assertEquals(10, direct.size());
            assertEquals(rowIds(planned), rowIds(direct), "query " + q);
            for (int i = 0; i < 10; i++) {
                assertEquals(planned.float32("_distance", i), direct.float32("_distance", i), 1e-6f, "query " + q + " row " + i);
            }
        }
        // A deleted row puts a deletion file under the index, and rows appended since are in no segment: the index alone
        // would return the one and miss the others (nearest.rs drops and adds them itself, the next test).
        float[] deleted = VectorRows.vector(1_234);
        long deletedRow = table.nearestRows(NearestQuery.of("vector", deleted, 1).withNprobes(8).withColumns("_rowid", "id")).int64("_rowid", 0);
        table.delete("id = 1234");
        assertFalse(rowIds(table.nearestRows(NearestQuery.of("vector", deleted, 10).withNprobes(8).withColumns("_rowid"))).contains(deletedRow));
        table.append(VectorRows.reader(runtime.allocator(), ROWS, ROWS + 50));
        ResultRows appended = table.nearestRows(NearestQuery.of("vector", VectorRows.vector(ROWS + 7L), 1).withNprobes(8).withColumns("_rowid"));
        ResultRows expected = table.nearestRows(NearestQuery.of("vector", VectorRows.vector(ROWS + 7L), 1).withNprobes(8).withColumns("_rowid", "id"));
        assertEquals(ROWS + 7L, expected.int64("id", 0));
        assertEquals(expected.int64("_rowid", 0), appended.int64("_rowid", 0), "an unindexed row is searched exhaustively");
    }

    @Test
    void rowIdQueriesFilterDeletedRowsAndCompareUnindexedOnesThemselvesWhileTheGapIsSmall() throws IOException {
        table.createVectorIndex("vector", "vector_idx", VectorIndexSpec.ivfRq(8, 0));
        long indexed = table.version();
        // What a run leaves: deleted rows under the index (one in twenty), and appended rows in no segment.
        table.delete("id % 20 = 3");
        table.append(VectorRows.reader(runtime.allocator(), ROWS, ROWS + 60));
        VectorIndexHealth gap = table.vectorIndexHealth("vector_idx");
        assertEquals(ROWS / 20, gap.deletedRows(), gap.toString());
        assertEquals(60, gap.uncoveredRows(), gap.toString());
        assertTrue(gap.servedDirectly() && !gap.onFastPath(), gap.toString());
        // Row ids alone: answered by the index without a prefilter, then filtered and completed by nearest.rs. They must be
        // live rows at the index's own estimates (as before the gap) or, for the unindexed rows, at the exact squared L2
        // distance, which a planned query computes too; and they must be the k nearest live rows by those distances, up
        // to IVF_RQ's own pruning: it skips a row whose lower bound (a confidence bound, not a strict one) is past the
        // k-th estimate so far, so asked for more rows it may keep one it skipped for fewer (the reference asks for all
        // 4,000). A planned query's prefiltered path estimates indexed rows differently again. k 1,000 of 4,060 rows:
        // about 50 deleted rows are among the nearest, more than the first index search's margin of 16. Every partition
        // is probed: the reference sees every row.
        try (Table before = Table.open(runtime, table.path(), indexed)) {
            for (int k : new int[] {10, 1_000}) {
                for (long q = 0; q < 12; q++) {
                    long near = q % 3 == 0 ? q * 20 + 3 : q % 3 == 1 ? ROWS + q : q * 131 + 7; // a deleted row, an appended one, another
                    float[] vector = VectorRows.vector(near);
                    ResultRows direct = table.nearestRows(NearestQuery.of("vector", vector, k).withNprobes(8).withColumns("_rowid"));
                    Map<Long, Float> expected = distances(before.nearestRows(NearestQuery.of("vector", vector, ROWS).withNprobes(8).withColumns("_rowid")));
                    Map<Long, Long> live = ids(table.scanRows(ScanRequest.all().withColumns("_rowid", "id")));
                    expected.keySet().retainAll(live.keySet());
                    live.forEach((row, id) -> {
                        if (id >= ROWS) {
                            expected.put(row, squaredL2(vector, VectorRows.vector(id)));
                        }
                    });
                    float kth = expected.values().stream().sorted().skip(k - 1).findFirst().orElseThrow();
                    assertEquals(k, direct.size(), "query " + q + " k " + k);
                    int nearest = 0;
                    for (int i = 0; i < k; i++) {
                        long row = direct.int64("_rowid", i);
                        float distance = direct.float32("_distance", i);
                        assertTrue(expected.containsKey(row), "query " + q + ": row " + row + " is live");
                        // Summed in another order (SIMD) than here: equal to about 1e-6 of the distance.
                        assertEquals(expected.get(row), distance, Math.max(1e-4f, distance * 1e-5f), "query " + q + " row " + i);
                        assertTrue(i == 0 || direct.float32("_distance", i - 1) <= distance, "nearest first");
                        nearest += distance <= kth * (1 + 1e-5f) ? 1 : 0;
                    }
                    assertTrue(nearest >= k - Math.max(1, k / 100), "query " + q + " k " + k + ": " + nearest + " of the " + k + " nearest");
                }
            }
        }
    }

    @Test
    void rowIdQueriesDropTheRowsOfAFragmentDeletedWholeAskingAgainWhileTooFewAreLeft() throws IOException {
        table.append(VectorRows.reader(runtime.allocator(), ROWS, ROWS + 500));
        table.append(VectorRows.reader(runtime.allocator(), ROWS + 500, ROWS + 1_000));
        table.createVectorIndex("vector", "vector_idx", VectorIndexSpec.ivfRq(8, 0));
        // The index keeps the rows of a fragment deleted whole; how many it keeps is not known to the query.
        table.delete("id >= " + ROWS + " AND id < " + (ROWS + 500));
        VectorIndexHealth gap = table.vectorIndexHealth("vector_idx");
        assertEquals(1, gap.missingFragments(), gap.toString());
        assertTrue(gap.servedDirectly() && !gap.onFastPath(), gap.toString());
        Map<Long, Long> live = ids(table.scanRows(ScanRequest.all().withColumns("_rowid", "id")));
        // k 1,000 of 4,500 live rows: about 100 of the 500 gone rows are among the nearest 1,016 the first search asks for.
        for (int k : new int[] {10, 1_000}) {
            for (long q = 0; q < 6; q++) {
                float[] vector = VectorRows.vector(ROWS + q * 83); // a row of the fragment gone
                ResultRows direct = table.nearestRows(NearestQuery.of("vector", vector, k).withNprobes(8).withColumns("_rowid"));
                assertEquals(k, direct.size(), "query " + q + " k " + k);
                for (int i = 0; i < k; i++) {
                    assertTrue(live.containsKey(direct.int64("_rowid", i)), "query " + q + " k " + k + ": row " + direct.int64("_rowid", i) + " is live");
                }
            }
        }
    }

    private static Map<Long, Float> distances(ResultRows rows) {
        Map<Long, Float> byRow = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byRow.put(rows.int64("_rowid", i), rows.float32("_distance", i));
        }
        return byRow;
    }

    private static Map<Long, Long> ids(ResultRows rows) {
        Map<Long, Long> byRow = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byRow.put(rows.int64("_rowid", i), rows.int64("id", i));
        }
        return byRow;
    }

    private static float squaredL2(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return sum;
    }

    private static Set<Long> rowIds(ResultRows rows) {
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            ids.add(rows.int64("_rowid", i));
        }
        return ids;
    }

    @Test
    void ivfRqRefusesBitsRaBitQCannotUse() {
        MvsException e = assertThrows(MvsException.InvalidArgument.class, () -> table.createVectorIndex("vector", null, VectorIndexSpec.ivfRq(8, 12)));
        assertTrue(e.getMessage().contains("num_bits"), e.getMessage());
    }

    @Test
    void rowsAppendedAfterTheIndexAreStillFoundAndOptimizeIndexesThem() throws IOException {
        table.createVectorIndex("vector", null, VectorIndexSpec.ivfPq(8, 8));
        table.append(VectorRows.reader(runtime.allocator(), ROWS, ROWS + 500));
        IndexInfo before = table.indexes().getFirst();
        assertEquals("vector_idx", before.name());
        assertEquals(500, before.rowsUnindexed());
        assertEquals(ROWS + 100L, ids(NearestQuery.of("vector", VectorRows.vector(ROWS + 100L), 1).withRefine(5)).getFirst(),
                "an unindexed row is searched exhaustively");
        table.optimizeIndices();
        assertEquals(0, table.indexes().getFirst().rowsUnindexed());
    }

    @Test
    void appendingADeltaSegmentIndexesNewRowsWithoutRewritingTheIndex() throws IOException {
        table.createFullTextIndex("text", null, FtsOptions.defaults());
        table.createVectorIndex("vector", null, VectorIndexSpec.ivfPq(8, 8));
        table.append(VectorRows.reader(runtime.allocator(), ROWS, ROWS + 300));
        table.optimizeIndices(Table.APPEND_DELTA);
        assertTrue(table.indexes().stream().allMatch(i -> i.rowsUnindexed() == 0), table.indexes().toString());
        long newRow = ROWS + 123L;
        assertEquals(List.of(newRow), VectorRows.longs(table.fullTextSearch(FullTextQuery.of("row" + newRow, 5).withColumns("id")), "id"));
        assertEquals(newRow, ids(NearestQuery.of("vector", VectorRows.vector(newRow), 1).withRefine(5)).getFirst());
        table.optimizeIndices(1); // merge the delta with the newest segment
        assertTrue(table.indexes().stream().allMatch(i -> i.rowsUnindexed() == 0));
    }

    @Test
    void prefilterReturnsKRowsWheneverKMatch() throws IOException {
        table.createVectorIndex("vector", null, VectorIndexSpec.ivfPq(8, 8));
        NearestQuery query = NearestQuery.of("vector", VectorRows.vector(1), 10).withFilter("lang = 'rust' AND id < 400")
                .withColumns("id");
        List<Long> got = ids(query);
        assertEquals(10, got.size());
        assertTrue(got.stream().allMatch(id -> id < 400 && VectorRows.lang(id).equals("rust")), got.toString());
    }

    @Test
    void scalarIndexesServeFilters() {
        table.createScalarIndex("id", null, ScalarIndexKind.BTREE);
        table.createScalarIndex("lang", null, ScalarIndexKind.BITMAP);
        assertEquals(Set.of("id_idx", "lang_idx"), Set.copyOf(table.indexes().stream().map(IndexInfo::name).toList()));
        assertEquals(100, table.countRows("id >= 100 AND id < 200"));
        assertEquals(ROWS / 4, table.countRows("lang = 'go'"));
        assertEquals(2, table.stats().indexes());
    }

    @Test
    void fullTextSearchRanksTheRowsThatContainTheWords() throws IOException {
        table.createFullTextIndex("text", null, FtsOptions.defaults());
        // "row123" occurs in exactly one row.
        assertEquals(List.of(123L), VectorRows.longs(table.fullTextSearch(FullTextQuery.of("row123", 5).withColumns("id")), "id"));
        // "socket" is the first word of ids = 4 mod 16; a filter narrows them first.
        List<Long> got = VectorRows.longs(
                table.fullTextSearch(FullTextQuery.of("socket", 50).inColumns("text").withFilter("lang = 'java'").withColumns("id")), "id");
        assertEquals(50, got.size());
        assertTrue(got.stream().allMatch(id -> VectorRows.text(id).contains("socket") && VectorRows.lang(id).equals("java")));
        try (ArrowReader reader = table.fullTextSearch(FullTextQuery.of("socket thread", 3).withColumns("id"))) {
            assertTrue(reader.loadNextBatch());
            Float4Vector score = (Float4Vector) reader.getVectorSchemaRoot().getVector("_score");
            assertTrue(score.get(0) >= score.get(1) && score.get(1) >= score.get(2), "best first");
        }
    }

    @Test
    void rowIdFullTextQueriesAskTheIndexDirectlyOnlyWhenItAnswersAsAPlannedQueryWould() throws IOException {
        table.createFullTextIndex("text", null, FtsOptions.defaults());
        // Row ids alone, no filter: native keyword.rs runs the index's search without Lance's planner. Another column
        // beside them: the query is planned. Both must find the same rows at the same scores (limits above the number of
        // matches, so rows tied at the last place cannot differ).
        List<String> queries = List.of("socket", "socket thread", "row123", "parser row77 lock", "nothingmatches");
        for (String q : queries) {
            assertEquals(scored(table.fullTextSearchRows(FullTextQuery.of(q, 1_000).inColumns("text").withColumns("_rowid", "id"))),
                    scored(table.fullTextSearchRows(FullTextQuery.of(q, 1_000).inColumns("text").withColumns("_rowid"))), q);
        }
        ResultRows best = table.fullTextSearchRows(FullTextQuery.of("socket thread", 3).inColumns("text").withColumns("_rowid"));
        assertEquals(3, best.size());
        assertTrue(best.float32("_score", 0) >= best.float32("_score", 1) && best.float32("_score", 1) >= best.float32("_score", 2), "best first");
        // A deleted row stays under the index: the search must not return it.
        long deletedRow = table.fullTextSearchRows(FullTextQuery.of("row123", 5).inColumns("text").withColumns("_rowid")).int64("_rowid", 0);
        table.delete("id = 123");
        assertEquals(0, table.fullTextSearchRows(FullTextQuery.of("row123", 5).inColumns("text").withColumns("_rowid")).size());
        assertFalse(rowIds(table.fullTextSearchRows(FullTextQuery.of("socket", 1_000).inColumns("text").withColumns("_rowid"))).contains(deletedRow));
        // Rows appended since the index are in no segment: only the planned query's flat scan finds them.
        table.append(VectorRows.reader(runtime.allocator(), ROWS, ROWS + 50));
        ResultRows appended = table.fullTextSearchRows(FullTextQuery.of("row" + (ROWS + 7), 5).inColumns("text").withColumns("_rowid"));
        ResultRows expected = table.fullTextSearchRows(FullTextQuery.of("row" + (ROWS + 7), 5).inColumns("text").withColumns("_rowid", "id"));
        assertEquals(ROWS + 7L, expected.int64("id", 0));
        assertEquals(rowIds(expected), rowIds(appended), "an unindexed row is found");
        // A delta segment covers them (as the upkeep leaves chunks.lance): the direct search scores both segments with
        // the statistics of both, as the planned one does.
        table.optimizeIndices(Table.APPEND_DELTA);
        for (String q : List.of("socket", "row" + (ROWS + 7), "parser thread")) {
            assertEquals(scored(table.fullTextSearchRows(FullTextQuery.of(q, 1_000).inColumns("text").withColumns("_rowid", "id"))),
                    scored(table.fullTextSearchRows(FullTextQuery.of(q, 1_000).inColumns("text").withColumns("_rowid"))), q);
        }
        assertEquals(rowIds(expected),
                rowIds(table.fullTextSearchRows(FullTextQuery.of("row" + (ROWS + 7), 5).inColumns("text").withColumns("_rowid"))));
    }

    /** Row id and score of each row, ordered by score then row id: the order of rows tied in score is not defined. */
    private static List<String> scored(ResultRows rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(String.format(Locale.ROOT, "%.5f %d", rows.float32("_score", i), rows.int64("_rowid", i)));
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    @Test
    void badSearchInputIsInvalidArgument() {
        assertThrows(MvsException.InvalidArgument.class,
                () -> table.nearest(NearestQuery.of("vector", new float[VectorRows.DIM + 1], 3)).close());
        assertThrows(MvsException.class, () -> table.nearest(NearestQuery.of("no_such_column", VectorRows.vector(1), 3)).close());
        assertThrows(MvsException.class, () -> table.createVectorIndex("lang", null, VectorIndexSpec.ivfPq(2, 2)));
        assertThrows(MvsException.class, () -> table.fullTextSearch(FullTextQuery.of("x", 3)).close(), "no full-text index");
    }
}
