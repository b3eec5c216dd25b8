package dev.mvs.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code --index-dir} of the commands that work on an existing index. */
final class IndexDirOption {

    @Option(names = "--index-dir", paramLabel = "DIR", description = "The index (default: ./.mvs).")
    Path indexDir = Path.of(".mvs");

    Path resolved() {
        return indexDir.toAbsolutePath().normalize();
    }
}
