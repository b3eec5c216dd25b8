package dev.mvs.bench.e2e;

import dev.mvs.bench.CorpusFiles;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The real corpora, materialised once under the work directory (a ".complete" marker makes an
 * interrupted copy start again; it sits beside the corpus, not in it): the JDK's lib/src.zip, the Python standard library (without its
 * test suite, installed packages and byte code), both together, small slices of them, Go's own sources and
 * Rust crates from the cargo registry.
 */
final class Corpora {

    private static final Set<String> PYTHON_SKIPPED = Set.of("site-packages", "dist-packages", "__pycache__");
    private static final Pattern RUST_CRATES = Pattern.compile("(lance|datafusion|arrow)(-[a-z-]+)?-\\d.*|tokio-\\d.*");

    private final Path work;
    private final Path srcZip;
    private final Path pythonStdlib;

    Corpora(Path work, Path srcZip, Path pythonStdlib) {
        this.work = work;
        this.srcZip = srcZip;
        this.pythonStdlib = pythonStdlib;
    }

    boolean hasPython() {
        return pythonStdlib != null && Files.isDirectory(pythonStdlib);
    }

    /** Every file of src.zip. */
    Path jdk() throws IOException {
        return materialise("jdk", dir -> unzip(dir, ""));
    }

    Path python() throws IOException {
        return materialise("python", dir -> copyPython(dir, List.of()));
    }

    /** The JDK and the Python standard library side by side: one repository of 200k+ declarations. */
    Path jdkAndPython() throws IOException {
        return jdkAndPython("jdk-python");
    }

    /** The same, under another name (a copy a benchmark may edit). */
    Path jdkAndPython(String name) throws IOException {
        return materialise(name, dir -> {
            unzip(dir.resolve("jdk"), "");
            copyPython(dir.resolve("python"), List.of());
        });
    }

    /**
     * The JDK, the Python standard library and Go's own sources side by side (about 240k declarations),
     * under {@code name}; without Go when no Go toolchain is installed.
     */
    Path jdkPythonGo(String name) throws IOException {
        Path go = goRoot().map(r -> r.resolve("src")).filter(Files::isDirectory).orElse(null);
        return materialise(name, dir -> {
            unzip(dir.resolve("jdk"), "");
            copyPython(dir.resolve("python"), List.of());
            if (go != null) {
                copyTree(go, dir.resolve("go"));
            }
        });
    }

    /** Forgets {@code name}'s copy, so the next call makes it again (for a benchmark that edits it). */
    void discard(String name) throws IOException {
        Files.deleteIfExists(marker(name));
        dev.mvs.engine.store.FileTrees.delete(work.resolve(name));
    }

    /** java.util.concurrent and Python's json and email packages: the --quick corpus. */
    Path quick() throws IOException {
        return materialise("quick", dir -> {
            unzip(dir.resolve("jdk"), "java.base/java/util/concurrent/");
            if (hasPython()) {
                copyPython(dir.resolve("python"), List.of("json", "email"));
            }
        });
    }

    /**
     * A sample of the JDK for relevance runs with the real model: the files that answer {@code questions}
     * (path suffixes inside src.zip) and every 25th other .java file in name order.
     */
    Path jdkSample(Path questions) throws IOException {
        List<String> answers = Files.readAllLines(questions).stream().filter(l -> !l.startsWith("#") && l.contains("\t"))
                .map(l -> l.substring(l.indexOf('\t') + 1).strip()).toList();
        return materialise("jdk-sample", dir -> {
            try (ZipFile zip = new ZipFile(srcZip.toFile())) {
                List<String> names = zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".java")).sorted().toList();
                int other = 0;
                for (String name : names) {
                    boolean answer = answers.stream().anyMatch(name::endsWith);
                    if (answer || other++ % 25 == 0) {
                        Path target = dir.resolve(name);
                        Files.createDirectories(target.getParent());
                        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                            Files.copy(in, target);
                        }
                    }
                }
            }
        });
    }

    /** Go's own sources ({@code GOROOT/src}), when a Go toolchain is installed; else null. */
    Path go() throws IOException {
        Path src = goRoot().map(r -> r.resolve("src")).filter(Files::isDirectory).orElse(null);
        return src == null ? null : materialise("go", dir -> copyTree(src, dir));
    }

    /**
     * Rust sources: the lance, datafusion and arrow crates and tokio from the cargo registry (there once
     * native/ was built), one directory per crate version; null when the registry has none of them.
     */
    Path rust() throws IOException {
        Path registry = Path.of(System.getProperty("user.home"), ".cargo", "registry", "src");
        List<Path> crates = new ArrayList<>();
        if (Files.isDirectory(registry)) {
            try (Stream<Path> indexes = Files.list(registry)) {
                for (Path index : indexes.sorted().toList()) {
                    try (Stream<Path> dirs = Files.list(index)) {
                        dirs.filter(d -> RUST_CRATES.matcher(d.getFileName().toString()).matches()).sorted().forEach(crates::add);
                    }
                }
            }
        }
        if (crates.isEmpty()) {
            return null;
        }
        return materialise("rust", dir -> {
            for (Path crate : crates) {
                copyTree(crate, dir.resolve(crate.getFileName().toString()));
            }
        });
    }

    private static Optional<Path> goRoot() {
        try {
            Process p = new ProcessBuilder("go", "env", "GOROOT").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && !out.isEmpty() ? Optional.of(Path.of(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no go on the PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Copies the directory tree {@code from} to {@code to}: directories and regular files, no symbolic links. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** A few dozen JDK files the real model embeds to measure embeddings/s. */
    Path embeddingSample(String zipPrefix) throws IOException {
        String name = "sample-" + zipPrefix.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return materialise(name, dir -> unzip(dir, zipPrefix));
    }

    private interface Filler {
        void fill(Path dir) throws IOException;
    }

    /** The file that says {@code name}'s copy is complete (beside it, not in it). */
    private Path marker(String name) {
        return work.resolve("." + name + ".complete");
    }

    private Path materialise(String name, Filler filler) throws IOException {
        Path dir = work.resolve(name);
        Path marker = marker(name);
        if (!Files.exists(marker)) {
            System.err.println("bench: preparing corpus " + dir);
            dev.mvs.engine.store.FileTrees.delete(dir);
            Files.createDirectories(dir);
            filler.fill(dir);
            Files.writeString(marker, "");
        }
        return dir;
    }

    private void unzip(Path to, String prefix) throws IOException {
        CorpusFiles.unzip(srcZip, to, prefix);
    }

    /** The standard library's files, or only the packages named in {@code only}. */
    private void copyPython(Path to, List<String> only) throws IOException {
        if (!hasPython()) {
            throw new IOException("no Python standard library found (give --python-stdlib DIR)");
        }
        Files.walkFileTree(pythonStdlib, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path rel = pythonStdlib.relativize(dir);
                String name = dir.getFileName().toString();
                if (PYTHON_SKIPPED.contains(name) || rel.toString().equals("test")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!only.isEmpty() && rel.getNameCount() >= 1 && !rel.toString().isEmpty() && !only.contains(rel.getName(0).toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = pythonStdlib.relativize(file);
                boolean wanted = only.isEmpty() || rel.getNameCount() > 1;
                if (wanted && attrs.isRegularFile() && !file.toString().endsWith(".pyc")) {
                    Path target = to.resolve(rel.toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
