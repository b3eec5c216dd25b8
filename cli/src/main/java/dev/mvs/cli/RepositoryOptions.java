package dev.mvs.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code --repo PATH} and {@code --index-dir DIR} of the commands that serve an index (mcp, mcp install-config). */
final class RepositoryOptions {

    @Option(names = "--repo", paramLabel = "PATH", description = "The repository (default: the current directory).")
    Path repo = Path.of("");

    @Option(names = "--index-dir", paramLabel = "DIR", description = "The index (default: PATH/.mvs).")
    Path indexDir;

    /** The repository, absolute. */
    Path root() {
        return repo.toAbsolutePath().normalize();
    }

    /** The index directory, absolute: --index-dir, else the repository's .mvs. */
    Path index() {
        return (indexDir != null ? indexDir : root().resolve(".mvs")).toAbsolutePath().normalize();
    }
}
