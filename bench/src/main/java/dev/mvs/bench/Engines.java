package dev.mvs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.arrow.memory.BufferAllocator;

/** Picks an engine by name and gives benchmarks what they share. */
final class Engines {

    private Engines() {}

    static StorageOps open(String engine) {
        return switch (engine) {
            case "ffm" -> new FfmOps(2);
            case "jni" -> new JniOps();
            default -> throw new IllegalArgumentException("unknown engine " + engine + " (ffm or jni)");
        };
    }

    /** The allocator an engine's input batches are built in. */
    static BufferAllocator allocator(StorageOps ops) {
        return switch (ops) {
            case FfmOps ffm -> ffm.runtime().allocator();
            case JniOps jni -> jni.allocator();
            default -> throw new IllegalArgumentException(ops.getClass().getName());
        };
    }

}
