package dev.mvs.engine;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The real code some tests run on: the running JDK's lib/src.zip and the Python standard library of
 * the machine. When one is absent, the test is skipped with a message that names what is missing and
 * how to get it; under CI ({@code CI=true}) it fails instead, so CI never passes by skipping.
 */
public final class RealCorpora {

    private RealCorpora() {}

    /** The running JDK's sources. */
    public static Path jdkSrcZip() {
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        if (!Files.isRegularFile(zip)) {
            missing("the JDK's sources: " + zip + " does not exist. Run the tests on a full JDK that ships lib/src.zip"
                    + " (Temurin does; on Debian/Ubuntu install openjdk-25-source), e.g. MVS_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64");
        }
        return zip;
    }

    /** The Python standard library under /usr/lib (python3.N with os.py in it). */
    public static Path pythonStdlib() {
        Pattern versioned = Pattern.compile("python3\\.\\d+");
        Path lib = Path.of("/usr/lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> dirs = Files.list(lib)) {
                Path found = dirs.filter(d -> versioned.matcher(d.getFileName().toString()).matches() && Files.isRegularFile(d.resolve("os.py")))
                        .sorted().findFirst().orElse(null);
                if (found != null) {
                    return found;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        missing("a Python standard library: no /usr/lib/python3.N/os.py. Install python3 (apt-get install -y python3)");
        return null;
    }

    private static void missing(String what) {
        String message = "this test reads real code and needs " + what;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true: a missing corpus fails instead of skipping)");
        }
        Assumptions.abort(message);
    }
}
