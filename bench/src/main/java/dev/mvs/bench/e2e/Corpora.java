package dev.mvs.bench.e2e;

import dev.mvs.bench.CorpusFiles;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;

/**
 * The real corpora, materialised once under the work directory (a ".complete" marker makes an
 * interrupted copy start again; it sits beside the corpus, not in it): the JDK's lib/src.zip, the Python standard library (without its
 * test suite, installed packages and byte code), both together, and small slices of them.
 */
final class Corpora {

    private static final Set<String> PYTHON_SKIPPED = Set.of("site-packages", "dist-packages", "__pycache__");

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
        return materialise("jdk-python", dir -> {
            unzip(dir.resolve("jdk"), "");
            copyPython(dir.resolve("python"), List.of());
        });
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

    /** A few dozen JDK files the real model embeds to measure embeddings/s. */
    Path embeddingSample(String zipPrefix) throws IOException {
        String name = "sample-" + zipPrefix.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return materialise(name, dir -> unzip(dir, zipPrefix));
    }

    private interface Filler {
        void fill(Path dir) throws IOException;
    }

    private Path materialise(String name, Filler filler) throws IOException {
        Path dir = work.resolve(name);
        Path marker = work.resolve("." + name + ".complete");
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
