import dev.mvs.engine.Engine;
import dev.mvs.ffi.*;
import java.nio.file.*;
import org.apache.arrow.vector.ipc.ArrowReader;

/** On a copy: appends the rows of one file again (a one-file run's new rows) and indexes them as a delta segment: args COPY PATH. */
public class Delta {
    public static void main(String[] a) throws Exception {
        Path vectors = Path.of(a[0]).resolve("gen-000001/vectors.lance");
        try (Engine engine = Engine.start(2); Table t = Table.open(engine.runtime(), vectors)) {
            long before = t.countRows();
            try (ArrowReader r = t.scan(ScanRequest.all().withFilter("path = '" + a[1] + "'"))) {
                t.append(r);
            }
            t.optimizeIndices(Table.APPEND_DELTA);
            System.out.println("rows " + before + " -> " + t.countRows() + ", indexes " + t.indexes());
        }
    }
}
