package dev.mvs.ffi;

import dev.mvs.ffi.internal.mvs_native_h;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and loads libmvs_native once per class loader, and checks its ABI version. Looks, in order,
 * at {@code -Dmvs.native.path}, {@code $MVS_NATIVE_PATH}, {@code build/native/libmvs_native.so}
 * (what ./build-native.sh writes) in the working directory or a parent of it, then the copy inside
 * the jar, extracted once into the cache directory ({@link CacheDirectory}) under its content hash.
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

    /**
     * The jar's copy, extracted once into {@code <cache>/native/<sha256>/}: the directory is named by
     * the library's content hash (recorded beside it in the jar by ./build-native.sh), so a jar with
     * another build never loads a stale copy, and later runs load the extracted file without copying.
     */
    private static Optional<Located> extractFromJar(List<String> tried) {
        tried.add("the jar (" + JAR_RESOURCE + ")");
        URL library = NativeLibrary.class.getResource(JAR_RESOURCE);
        if (library == null) {
            return Optional.empty();
        }
        try {
            URL hashFile = NativeLibrary.class.getResource(JAR_RESOURCE + ".sha256");
            if (hashFile == null) {
                throw new IOException("the jar has " + JAR_RESOURCE + " but not its .sha256; rebuild with ./build-native.sh && mvn package");
            }
            String sha256;
            try (InputStream in = hashFile.openStream()) {
                sha256 = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip().split("\\s+")[0];
            }
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IOException(JAR_RESOURCE + ".sha256 does not hold a SHA-256: \"" + sha256 + "\"");
            }
            Path target = CacheDirectory.root().resolve("native").resolve(sha256).resolve(FILE_NAME);
            long size = library.openConnection().getContentLengthLong();
            boolean present = Files.isRegularFile(target) && Files.size(target) == size;
            ExtractedFile.extract(library, target, size, sha256);
            return Optional.of(new Located(target, present ? "from the jar, extracted earlier" : "extracted from the jar"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract " + JAR_RESOURCE + " from the jar: " + e.getMessage(), e);
        }
    }

    private static IllegalStateException notFound(List<String> tried) {
        return new IllegalStateException("libmvs_native.so not found; looked at: " + String.join(", ", tried)
                + ". Build it with ./build-native.sh or point -D" + PROPERTY + " at it.");
    }
}
