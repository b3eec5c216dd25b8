package dev.mvs.engine.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What one walk produced, collected for assertions; plus helpers to build trees. */
record Walked(List<DiscoveredFile> files, List<SkippedFile> skipped) {

    /** Walks {@code repo} with {@code options}. */
    static Walked walk(Path repo, DiscoveryOptions options) throws IOException {
        List<DiscoveredFile> files = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        new Discovery(options).walk(repo, files::add, skipped::add);
        return new Walked(List.copyOf(files), List.copyOf(skipped));
    }

    /** Walks {@code repo} with the defaults but without the real user's git configuration. */
    static Walked walk(Path repo) throws IOException {
        return walk(repo, isolated(repo));
    }

    /** Defaults for {@code repo} that never read the home directory of whoever runs the tests. */
    static DiscoveryOptions isolated(Path repo) {
        return DiscoveryOptions.defaults(repo).withoutUserGitConfig();
    }

    List<String> paths() {
        return files.stream().map(DiscoveredFile::path).toList();
    }

    Optional<DiscoveredFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    Optional<SkippedFile> skip(String path) {
        return skipped.stream().filter(s -> s.path().equals(path)).findFirst();
    }

    /** The reason {@code path} was skipped, or null when it was not reported as skipped. */
    SkippedFile.Reason reason(String path) {
        return skip(path).map(SkippedFile::reason).orElse(null);
    }

    /** Writes {@code text} to {@code repo/path}, creating parent directories. */
    static Path write(Path repo, String path, String text) throws IOException {
        return write(repo, path, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path repo, String path, byte[] bytes) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
