package dev.mvs.bench;

import java.nio.file.Path;
import java.util.List;

import org.apache.arrow.vector.ipc.ArrowReader;

/** The operations compared between engines, on one table of {@link BenchData} rows. */
interface StorageOps extends AutoCloseable {

    /** Creates the table at {@code path} from {@code rows} (consumed) and keeps it open. */
    void create(Path path, ArrowReader rows) throws Exception;

    void append(ArrowReader rows) throws Exception;

    /** The cheapest call into native code: the open table's version. */
    long version() throws Exception;

    /** Reads every row matching {@code filter} (columns path, content); returns how many. */
    long filteredScan(String filter) throws Exception;

    void delete(String predicate) throws Exception;

    void compact() throws Exception;

    void createIvfPq(int partitions, int subVectors) throws Exception;

    /** Paths of the k nearest rows at the given nprobes and refine factor. */
    List<String> nearest(float[] query, int k, int nprobes, int refine) throws Exception;

    long countRows() throws Exception;
}
