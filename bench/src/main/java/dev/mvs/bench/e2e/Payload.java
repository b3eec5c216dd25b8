package dev.mvs.bench.e2e;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The strings stored with each vector, as mvs-engine's vectors.lance stores them: the chunk id and
 * the file path. Row i belongs to vector i.
 */
record Payload(List<String> chunkIds, List<String> paths) {

    static void write(Path file, List<String> chunkIds, List<String> paths) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(chunkIds.size());
            for (int i = 0; i < chunkIds.size(); i++) {
                out.writeUTF(chunkIds.get(i));
                out.writeUTF(paths.get(i));
            }
        }
    }

    static Payload read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            List<String> ids = new ArrayList<>(n);
            List<String> paths = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(in.readUTF());
                paths.add(in.readUTF());
            }
            return new Payload(ids, paths);
        }
    }
}
