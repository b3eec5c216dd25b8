import dev.mvs.engine.Engine;
import dev.mvs.ffi.*;
import java.nio.file.*;
import java.util.*;

/** Prints each table's stats, indexes and rows per fragment (from _rowid, which is the row address here): args INDEX. */
public class Tables {
    public static void main(String[] a) throws Exception {
        try (Engine engine = Engine.start(2)) {
            for (String name : List.of("files.lance", "chunks.lance", "vectors.lance")) {
                try (Table t = Table.open(engine.runtime(), Path.of(a[0]).resolve("gen-000001").resolve(name))) {
                    System.out.println(name + " " + t.stats());
                    System.out.println("  " + t.indexes());
                    ResultRows rows = t.scanRows(ScanRequest.all().withColumns("_rowid"));
                    TreeMap<Long, Integer> perFragment = new TreeMap<>();
                    for (int i = 0; i < rows.size(); i++) perFragment.merge(rows.int64("_rowid", i) >>> 32, 1, Integer::sum);
                    System.out.println("  rows per fragment " + perFragment);
                }
            }
        }
    }
}
