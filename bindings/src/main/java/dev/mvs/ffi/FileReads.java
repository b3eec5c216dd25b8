package dev.mvs.ffi;

/**
 * How Lance reads a table's files on this machine.
 *
 * <ul>
 *   <li>{@link #BLOCKING_TASKS}, Lance's default for local files: each read and each open is a task on the runtime's
 *       blocking pool, so every read passes between threads twice, and a query's data files are opened again each
 *       time.</li>
 *   <li>{@link #IO_URING}, Lance's {@code file+uring://} scheme: reads are submitted in batches to io_uring by two
 *       threads Lance starts once per process, and open files stay cached for 60 s. A search of 30 to 50 rows took 0.2 to
 *       0.9 ms less with it in 8 of 9 paired measurements (bench/results/2026-12-05-search-pool/). Those two threads
 *       spin while reads are in flight, and when idle wake every {@code LANCE_URING_POLL_TIMEOUT_MS} (10 ms unless set;
 *       the launchers set 1,000).</li>
 * </ul>
 */
public enum FileReads {
    BLOCKING_TASKS,
    IO_URING
}
