package dev.mvs.engine.store;

import dev.mvs.ffi.MvsException;
import dev.mvs.ffi.NativeRuntime;
import dev.mvs.ffi.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Opens a table at its newest <em>readable</em> version. The Python engine's answer to a damaged
 * table was to delete the index; ours is to fall back to the version before the damage, say so, and
 * leave the repair (restore, reindex) to a writer — nothing is deleted.
 */
public final class TableOpener {

    private TableOpener() {}

    /**
     * The newest version of {@code path} that opens; a newer one that does not is reported through
     * {@code warn} with the command that repairs it. NotFound (no table at all) is thrown as is.
     */
    public static Fallback openNewestReadable(NativeRuntime runtime, Path path, Consumer<String> warn) throws IOException {
        return openNewestReadable(runtime, path, warn, (r, v) -> Table.open(r, path, v));
    }

    /**
     * {@link #openNewestReadable} for a reader that only searches the table: through the runtime's
     * {@link NativeRuntime#fileReads() file reads} (io_uring where the machine allows it). Writers keep Lance's default.
     */
    public static Fallback openNewestReadableToSearch(NativeRuntime runtime, Path path, Consumer<String> warn) throws IOException {
        return openNewestReadable(runtime, path, warn, (r, v) -> Table.openForReading(r, path, v));
    }

    private interface Opener {
        Table open(NativeRuntime runtime, long version);
    }

    private static Fallback openNewestReadable(NativeRuntime runtime, Path path, Consumer<String> warn, Opener opener) throws IOException {
        try {
            return new Fallback(opener.open(runtime, Table.LATEST), 0);
        } catch (MvsException.NotFound e) {
            throw e;
        } catch (MvsException newest) {
            for (long v : versionsOnDisk(path)) {
                try {
                    Table t = opener.open(runtime, v);
                    warn.accept(path.getFileName() + ": the newest version cannot be read (" + firstLine(newest.getMessage())
                            + "); using version " + v + ", the newest readable one. `engine-cli verify` tells more; `engine-cli index` repairs it");
                    return new Fallback(t, v);
                } catch (MvsException older) {
                    // damaged too: try the one before
                }
            }
            throw newest;
        }
    }

    /** A table opened at {@code fellBackTo} (0: the newest version opened normally). */
    public record Fallback(Table table, long fellBackTo) {}

    /**
     * Version numbers of the manifests in {@code _versions}, newest first. Lance names them either
     * {@code <version>.manifest} or, in its V2 scheme, {@code <u64::MAX - version>.manifest} (20 digits).
     */
    public static List<Long> versionsOnDisk(Path table) throws IOException {
        List<Long> versions = new ArrayList<>();
        Path dir = table.resolve("_versions");
        if (!Files.isDirectory(dir)) {
            return versions;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".manifest")) {
                    continue;
                }
                String digits = name.substring(0, name.length() - ".manifest".length());
                if (!digits.matches("\\d{1,20}")) {
                    continue;
                }
                long n = Long.parseUnsignedLong(digits);
                versions.add(digits.length() == 20 ? -1L - n : n); // u64::MAX - n, in two's complement
            }
        }
        versions.removeIf(v -> v <= 0);
        versions.sort(Comparator.reverseOrder());
        return versions;
    }

    /** The manifest file(s) of {@code version} in {@code _versions} (either naming scheme). */
    public static List<Path> manifestFiles(Path table, long version) throws IOException {
        List<Path> out = new ArrayList<>();
        Path dir = table.resolve("_versions");
        for (String name : new String[] {version + ".manifest", String.format("%020d", -1L - version).replace('-', '0') + ".manifest",
            Long.toUnsignedString(-1L - version) + ".manifest"}) {
            Path p = dir.resolve(name);
            if (Files.exists(p) && !out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
