package dev.mvs.ffi;

import java.util.List;
import java.util.Objects;

/**
 * What a scan reads: {@code columns} in that order (empty = all), rows matching the SQL
 * {@code filter} (null = all), at most {@code limit} rows (negative = no limit).
 */
public record ScanRequest(List<String> columns, String filter, long limit) {

    public ScanRequest {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    }

    /** Every column of every row. */
    public static ScanRequest all() {
        return new ScanRequest(List.of(), null, -1);
    }

    public ScanRequest withColumns(String... names) {
        return new ScanRequest(List.of(names), filter, limit);
    }

    public ScanRequest withFilter(String sql) {
        return new ScanRequest(columns, sql, limit);
    }

    public ScanRequest withLimit(long rows) {
        return new ScanRequest(columns, filter, rows);
    }
}
