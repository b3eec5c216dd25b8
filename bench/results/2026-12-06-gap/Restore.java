import dev.mvs.ffi.*;
import java.nio.file.*;
/** TABLE: restores its vector index fully (every fragment with deletions moved), as engine-cli compact would. */
public class Restore {
    public static void main(String[] a) {
        try (NativeRuntime rt = NativeRuntime.create(2); Table t = Table.open(rt, Path.of(a[0]))) {
            long t0 = System.nanoTime();
            System.out.println(t.restoreVectorFastPath("vector_idx", 2048, 0) + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms; " + t.vectorIndexHealth("vector_idx"));
        }
    }
}
