import dev.mvs.engine.Engine;
import dev.mvs.ffi.*;
import java.nio.file.*;
import org.apache.arrow.vector.ipc.ArrowReader;

/** On a copy: a one-file run's vectors.lance writes (delete the file's rows, append them again, delta segment), then the upkeep timed: args COPY PATH. */
public class Materialise {
    public static void main(String[] a) throws Exception {
        Path vectors = Path.of(a[0]).resolve("gen-000001/vectors.lance");
        try (Engine engine = Engine.start(2); Table t = Table.open(engine.runtime(), vectors)) {
            long t0 = System.nanoTime();
            java.util.List<Object> keep = new java.util.ArrayList<>();
            Path tmp = Files.createTempDirectory("rows");
            ArrowReader r = t.scan(ScanRequest.all().withFilter("path = '" + a[1] + "'"));
            try (Table side = Table.create(engine.runtime(), tmp.resolve("side.lance"), r)) {
                String mode = System.getProperty("mode", "both");
                long n = mode.equals("append") ? 0 : t.delete("path = '" + a[1] + "'");
                if (!mode.equals("delete")) t.append(side.scan(ScanRequest.all()));
                System.out.println("rows of the file " + n);
            }
            if (!Boolean.getBoolean("delta")) t.optimizeIndices(Table.APPEND_DELTA);
            long t1 = System.nanoTime();
            System.out.println("writes " + (t1 - t0) / 1_000_000 + " ms; health " + t.vectorIndexHealth("vector_idx"));
            if (a.length > 2 && !a[2].equals("0")) { System.out.println("ready; pid " + ProcessHandle.current().pid()); Thread.sleep(Long.parseLong(a[2])); }
            long t2 = System.nanoTime();
            VectorUpkeepStats s = t.restoreVectorFastPath("vector_idx", Long.getLong("target", 16_384));
            long t3 = System.nanoTime();
            if (Boolean.getBoolean("delta")) { t.optimizeIndices(Table.APPEND_DELTA); System.out.println("scalar deltas " + (System.nanoTime() - t3) / 1_000_000 + " ms"); }
            System.out.println("upkeep " + (t3 - t2) / 1_000_000 + " ms " + s + "; health " + t.vectorIndexHealth("vector_idx"));
        }
    }
}
