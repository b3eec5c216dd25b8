package dev.mvs.engine.embed;

import dev.mvs.ffi.CacheDirectory;
import dev.mvs.ffi.ExtractedFile;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * ONNX Runtime's Java binding copies its two native libraries (21 MB) out of the jar into a new
 * temporary directory at every start, about 90 ms. This extracts them once into the cache
 * directory, keyed by the jar entries' CRC and size, and points {@code onnxruntime.native.path} at
 * them; the binding then loads them in place.
 */
final class OnnxRuntimeNatives {

    static final String PROPERTY = "onnxruntime.native.path";
    private static final String RESOURCE_DIR = "ai/onnxruntime/native/linux-x64/";
    private static final List<String> LIBRARIES = List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");

    private OnnxRuntimeNatives() {}

    /** Sets {@value #PROPERTY} unless it is set already or the libraries are not in a jar here (then the binding copies them as usual). */
    static void useCachedCopy() throws IOException {
        if (System.getProperty(PROPERTY) != null || !System.getProperty("os.name").equals("Linux")
                || !System.getProperty("os.arch").equals("amd64")) {
            return;
        }
        ClassLoader loader = OnnxRuntimeNatives.class.getClassLoader();
        StringBuilder key = new StringBuilder();
        URL[] urls = new URL[LIBRARIES.size()];
        long[] sizes = new long[LIBRARIES.size()];
        for (int i = 0; i < LIBRARIES.size(); i++) {
            urls[i] = loader.getResource(RESOURCE_DIR + LIBRARIES.get(i));
            if (urls[i] == null) {
                return;
            }
            URLConnection c = urls[i].openConnection();
            if (!(c instanceof JarURLConnection jar)) {
                return;
            }
            sizes[i] = jar.getJarEntry().getSize();
            key.append(String.format(Locale.ROOT, "%08x", jar.getJarEntry().getCrc()));
        }
        Path dir = CacheDirectory.root().resolve("onnxruntime").resolve(key.toString());
        for (int i = 0; i < LIBRARIES.size(); i++) {
            ExtractedFile.extract(urls[i], dir.resolve(LIBRARIES.get(i)), sizes[i], null);
        }
        System.setProperty(PROPERTY, dir.toString());
    }
}
