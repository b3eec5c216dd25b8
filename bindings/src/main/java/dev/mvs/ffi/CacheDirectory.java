package dev.mvs.ffi;

import java.nio.file.Path;

/**
 * Where mvs-engine keeps what it extracts from its jars (the native library, the embedding models):
 * {@code $MVS_CACHE_DIR}, else {@code $XDG_CACHE_HOME/mvs-engine}, else {@code ~/.cache/mvs-engine}.
 */
public final class CacheDirectory {

    private CacheDirectory() {}

    /** The cache root (it may not exist yet). */
    public static Path root() {
        String own = System.getenv("MVS_CACHE_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "mvs-engine");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "mvs-engine");
    }
}
