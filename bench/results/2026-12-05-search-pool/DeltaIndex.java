import dev.mvs.engine.Engine;
import dev.mvs.ffi.*;
import java.nio.file.*;

/** On a copy: indexes the rows no segment covers as a delta segment: args COPY. */
public class DeltaIndex {
    public static void main(String[] a) throws Exception {
        Path vectors = Path.of(a[0]).resolve("gen-000001/vectors.lance");
        try (Engine engine = Engine.start(2); Table t = Table.open(engine.runtime(), vectors)) {
            t.optimizeIndices(Table.APPEND_DELTA);
            System.out.println("rows " + t.countRows() + ", indexes " + t.indexes());
        }
    }
}
