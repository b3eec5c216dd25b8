package dev.mvs.bench;

import dev.mvs.engine.store.EngineState;
import dev.mvs.engine.store.IndexLayout;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.ScanRequest;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;

/** What benchmarks read from real corpora: files out of a source zip, the distinct chunk texts of an index. */
public final class CorpusFiles {

    private CorpusFiles() {}

    /** Extracts the files of {@code zip} whose name starts with {@code prefix} ("" for all) under {@code to}. */
    public static void unzip(Path zip, Path to, String prefix) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().startsWith(prefix)) {
                    Path target = to.resolve(e.getName());
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }

    /** The distinct chunk contents (by content hash) of the index's current generation, in table order. */
    public static List<String> uniqueTexts(NativeRuntime runtime, IndexLayout layout) throws IOException {
        String gen = EngineState.read(layout).orElseThrow(() -> new IOException("no index at " + layout.dir())).generation();
        List<String> texts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Table chunks = Table.open(runtime, layout.generation(gen).chunks());
             ArrowReader r = chunks.scan(ScanRequest.all().withColumns("content_hash", "content"))) {
            while (r.loadNextBatch()) {
                VarCharVector hash = (VarCharVector) r.getVectorSchemaRoot().getVector("content_hash");
                VarCharVector content = (VarCharVector) r.getVectorSchemaRoot().getVector("content");
                for (int i = 0; i < hash.getValueCount(); i++) {
                    if (seen.add(new String(hash.get(i), StandardCharsets.UTF_8))) {
                        texts.add(new String(content.get(i), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return texts;
    }
}
