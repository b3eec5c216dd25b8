import dev.mvs.ffi.*;
import java.nio.file.*;
import org.apache.arrow.vector.ipc.ArrowReader;

/** TABLE: takes a copy of vectors.lance to the limits of the gap the engine's query serves: about 1,000 deleted rows under the index, 8 appended fragments of 64 rows (copies of existing rows). */
public class GapAtLimit {
    public static void main(String[] a) throws Exception {
        try (NativeRuntime rt = NativeRuntime.create(2); Table t = Table.open(rt, Path.of(a[0]))) {
            System.out.println("before " + t.vectorIndexHealth("vector_idx"));
            String[] dirs = {"python/email/", "python/json/", "python/asyncio/", "python/xml/", "python/http/", "python/logging/", "python/unittest/", "python/sqlite3/", "python/ctypes/", "python/concurrent/"};
            for (String d : dirs) {
                long left = 1_000 - t.vectorIndexHealth("vector_idx").deletedRows();
                long n = t.countRows("path LIKE '" + d + "%'");
                if (n > 0 && n <= left) t.delete("path LIKE '" + d + "%'");
            }
            for (int i = 0; i < 8; i++) {
                t.append(t.scan(ScanRequest.all().withFilter("path LIKE 'python/multiprocessing/%'").withLimit(64))); // append closes it
            }
            System.out.println("after  " + t.vectorIndexHealth("vector_idx"));
        }
    }
}
