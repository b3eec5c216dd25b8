import dev.mvs.engine.Engine;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/** On a copy: deletes one row of every fragment, then the fast-path upkeep rewrites them all into fragments of ROWS: args COPY ROWS. */
public class Split {
    public static void main(String[] a) throws Exception {
        Path vectors = Path.of(a[0]).resolve("gen-000001/vectors.lance");
        try (Engine engine = Engine.start(2); Table t = Table.open(engine.runtime(), vectors)) {
            ResultRows rows = t.scanRows(ScanRequest.all().withColumns("chunk_id"));
            TableStats st = t.stats();
            List<String> ids = new ArrayList<>();
            int step = Math.max(1, rows.size() / (int) (st.fragments() * 4));
            // Not the last fragment's rows: one segment keeps covering a live fragment, so the merge keeps the trained model.
            int end = Boolean.getBoolean("all") ? rows.size() : (int) (rows.size() * (st.fragments() - 1) / st.fragments()) - 20_000;
            for (int i = 0; i < end; i += step) ids.add("'" + rows.text("chunk_id", i) + "'");
            long n = t.delete("chunk_id IN (" + String.join(",", ids) + ")");
            System.out.println("deleted " + n + "; " + t.vectorIndexHealth("vector_idx"));
            long t0 = System.nanoTime();
            System.out.println(t.restoreVectorFastPath("vector_idx", Long.parseLong(a[1])) + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms; "
                    + t.vectorIndexHealth("vector_idx") + " " + t.stats());
            t.optimizeIndices(Table.APPEND_DELTA);
            System.out.println(t.indexes());
        }
    }
}
