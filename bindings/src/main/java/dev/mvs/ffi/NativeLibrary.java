package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_native_h;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and loads libmvs_native once per class loader, and checks its ABI version. Looks, in order,
 * at {@code -Dmvs.native.path}, {@code $MVS_NATIVE_PATH}, {@code build/native/libmvs_native.so}
 * (what ./build-native.sh writes) in the working directory or a parent of it, then the copy inside
 * the bindings jar.
 *
 * @param path        the file that was loaded
 * @param source      where it was found (for {@code engine-cli doctor})
 * @param abiVersion  the library's {@code mvs_abi_version()}
 */
public record NativeLibrary(Path path, String source, int abiVersion) {

    static final String PROPERTY = "mvs.native.path";
    static final String ENV = "MVS_NATIVE_PATH";
    static final String FILE_NAME = "libmvs_native.so";
    static final String JAR_RESOURCE = "/native/linux-x86_64/" + FILE_NAME;

    /** The loaded library; loads it on first use. */
    public static NativeLibrary get() {
        return Holder.LOADED;
    }

    /** ABI version the generated bindings were made for. */
    public static int expectedAbiVersion() {
        return mvs_native_h.MVS_ABI_VERSION();
    }

    // Class initialization is the JVM's own once-only lock; the result is immutable.
    private static final class Holder {
        static final NativeLibrary LOADED = load();
    }

    private static NativeLibrary load() {
        requireNativeAccess();
        Located located = locate();
        System.load(located.path().toAbsolutePath().toString());
        int actual = mvs_native_h.mvs_abi_version();
        if (actual != expectedAbiVersion()) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "%s implements ABI version %d but these bindings need %d; rebuild it with ./build-native.sh",
                    located.path(), actual, expectedAbiVersion()));
        }
        return new NativeLibrary(located.path(), located.source(), actual);
    }

    private static void requireNativeAccess() {
        Module module = NativeLibrary.class.getModule();
        if (!module.isNativeAccessEnabled()) {
            String name = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            throw new IllegalStateException("native access is not enabled for " + (module.isNamed() ? name : "the class path")
                    + ": add --enable-native-access=" + name + " to the java command line");
        }
    }

    private record Located(Path path, String source) {}

    private static Located locate() {
        List<String> tried = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return existing(Path.of(property), "-D" + PROPERTY, tried).orElseThrow(() -> notFound(tried));
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return existing(Path.of(env), "$" + ENV, tried).orElseThrow(() -> notFound(tried));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Optional<Located> built = existing(dir.resolve("build/native").resolve(FILE_NAME), "build-native.sh output", tried);
            if (built.isPresent()) {
                return built.get();
            }
        }
        return extractFromJar(tried).orElseThrow(() -> notFound(tried));
    }

    private static Optional<Located> existing(Path path, String source, List<String> tried) {
        tried.add(source + " (" + path + ")");
        return Files.isRegularFile(path) ? Optional.of(new Located(path, source)) : Optional.empty();
    }

    private static Optional<Located> extractFromJar(List<String> tried) {
        tried.add("the bindings jar (" + JAR_RESOURCE + ")");
        try (InputStream in = NativeLibrary.class.getResourceAsStream(JAR_RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Path dir = Files.createTempDirectory("mvs-native-");
            Path target = dir.resolve(FILE_NAME);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return Optional.of(new Located(target, "extracted from the bindings jar"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract " + JAR_RESOURCE + " to a temporary file: " + e.getMessage(), e);
        }
    }

    private static IllegalStateException notFound(List<String> tried) {
        return new IllegalStateException("libmvs_native.so not found; looked at: " + String.join(", ", tried)
                + ". Build it with ./build-native.sh or point -D" + PROPERTY + " at it.");
    }
}
