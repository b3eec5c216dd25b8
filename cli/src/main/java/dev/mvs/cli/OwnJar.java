package dev.mvs.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The engine-cli jar this JVM runs from, when it runs from one (not from a class directory, as in tests). */
final class OwnJar {

    private OwnJar() {}

    static Optional<Path> path() {
        try {
            var source = EngineCli.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Path require(String forWhat) {
        return path().orElseThrow(() -> new IllegalStateException(forWhat + " needs engine-cli to run from its jar (java -jar engine-cli.jar or"
                + " cli/engine-cli), not from class directories"));
    }

    /** The java launcher of this JVM. */
    static Path javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
