package dev.mvs.engine.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A generated source tree and random edits to it (add, edit, delete, rename, move to another
 * directory, copy — the same text in two files), all driven by one seeded Random.
 */
final class TreeMutator {

    private static final String[] WORDS = {"lock", "queue", "parse", "stream", "buffer", "index", "token", "vector", "merge", "flush",
        "commit", "fence", "table", "chunk", "embed", "search", "scan", "delete", "compact", "version"};
    private static final String[] DIRS = {"src/main", "src/util", "lib", "docs", "src/main/deep/er"};
    private static final String[] EXTS = {".java", ".py", ".md", ".txt", ".rs"};

    private final Path root;
    private final Random random;
    private int serial;

    TreeMutator(Path root, long seed) {
        this.root = root;
        this.random = new Random(seed);
    }

    void generate(int files) throws IOException {
        for (int i = 0; i < files; i++) {
            add();
        }
    }

    /** Applies {@code n} random operations; returns what was done, for the failure message. */
    List<String> mutate(int n) throws IOException {
        List<String> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Path> files = files();
            int op = files.isEmpty() ? 0 : random.nextInt(6);
            switch (op) {
                case 0 -> done.add("add " + rel(add()));
                case 1 -> {
                    Path f = pick(files);
                    Files.writeString(f, edit(Files.readString(f)));
                    done.add("edit " + rel(f));
                }
                case 2 -> {
                    Path f = pick(files);
                    Files.delete(f);
                    done.add("delete " + rel(f));
                }
                case 3 -> {
                    Path f = pick(files);
                    Path to = f.resolveSibling("r" + (serial++) + "_" + f.getFileName());
                    Files.move(f, to);
                    done.add("rename " + rel(f) + " -> " + rel(to));
                }
                case 4 -> {
                    Path f = pick(files);
                    Path to = root.resolve(DIRS[random.nextInt(DIRS.length)]).resolve("m" + (serial++) + "_" + f.getFileName());
                    Files.createDirectories(to.getParent());
                    Files.move(f, to);
                    done.add("move " + rel(f) + " -> " + rel(to));
                }
                default -> {
                    Path f = pick(files);
                    Path to = f.resolveSibling("c" + (serial++) + "_" + f.getFileName());
                    Files.copy(f, to);
                    done.add("copy " + rel(f) + " -> " + rel(to));
                }
            }
        }
        return done;
    }

    private Path add() throws IOException {
        Path f = root.resolve(DIRS[random.nextInt(DIRS.length)]).resolve("f" + (serial++) + EXTS[random.nextInt(EXTS.length)]);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text(5 + random.nextInt(150)));
        return f;
    }

    /** Replaces, inserts or deletes a few lines: sometimes keeping the size, to exercise the content hash. */
    private String edit(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int at = lines.isEmpty() ? 0 : random.nextInt(lines.size());
        switch (random.nextInt(3)) {
            case 0 -> lines.add(at, line());
            case 1 -> {
                if (!lines.isEmpty()) {
                    lines.remove(at);
                }
            }
            default -> {
                if (!lines.isEmpty()) {
                    // same length, different text: size and perhaps mtime unchanged
                    String old = lines.get(at);
                    lines.set(at, new StringBuilder(old).reverse().toString());
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private String text(int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append(line()).append('\n');
        }
        return sb.toString();
    }

    private String line() {
        StringBuilder sb = new StringBuilder();
        int words = 1 + random.nextInt(8);
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private Path pick(List<Path> files) {
        return files.get(random.nextInt(files.size()));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private String rel(Path p) {
        return root.relativize(p).toString();
    }
}
