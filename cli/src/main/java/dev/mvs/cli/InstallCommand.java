package dev.mvs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engine-cli install}: puts this jar where it stays, with a launcher on the PATH and an AOT cache. */
@Command(name = "install", mixinStandardHelpOptions = true, description = {
    "Installs engine-cli for this user: copies this jar to --lib, records an AOT cache for it there (faster "
            + "starts; skip with --no-aot-cache) and writes the launcher BIN_DIR/engine-cli, which runs the jar on this "
            + "JDK with the JVM flags the engine needs. Nothing else is needed afterwards: the checkout can go. "
            + "Run it again after a rebuild to update the installed copy."})
final class InstallCommand implements Callable<Integer> {

    /** The commands the launchers run without C2, as an sh case pattern (the same list as cli/engine-cli's). */
    static final String QUICK_COMMANDS = "search|status|versions|doctor|help|-h|--help|-V|--version|\"\"";
    /**
     * Sets {@code index_jit} to C1 alone for an {@code index} run unless its work is mostly Java (chunking alone, the
     * word-hashing embedder); other index runs are native work (the model, Lance), which C2's compiles slow down. The
     * same lines are in cli/engine-cli.
     */
    static final String INDEX_JIT = """
            index_jit=
            if [ "${1:-}" = index ]; then
              index_jit=-XX:TieredStopAtLevel=1 prev=
              for a in "$@"; do
                case "$a" in --phase1-only|--model=hash) index_jit= ;; hash) if [ "$prev" = --model ]; then index_jit=; fi ;; esac
                prev=$a
              done
            fi
            """;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BIN_DIR", description = "Where the launcher goes (default: ~/.local/bin).")
    Path bin;

    @Option(names = "--lib", paramLabel = "DIR", description = "Where the jar and its AOT cache go (default: ~/.local/share/mvs-engine).")
    Path lib;

    @Option(names = "--no-aot-cache", description = "Do not record an AOT cache (starts are then about 0.2 s slower).")
    boolean noAotCache;

    @Override
    public Integer call() throws Exception {
        Path jar = OwnJar.require("install");
        Path home = Path.of(System.getProperty("user.home"));
        Path binDir = (bin != null ? bin : home.resolve(".local/bin")).toAbsolutePath().normalize();
        Path libDir = (lib != null ? lib : dataHome(home).resolve("mvs-engine")).toAbsolutePath().normalize();
        PrintWriter err = spec.commandLine().getErr();
        Files.createDirectories(binDir);
        Files.createDirectories(libDir);
        Path installedJar = libDir.resolve("engine-cli.jar");
        if (!Files.exists(installedJar) || !Files.isSameFile(jar, installedJar)) {
            Path tmp = libDir.resolve("engine-cli.jar.tmp");
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, installedJar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            err.println("install: copied " + jar + " to " + installedJar);
        }
        Path aot = AotCache.besideJar(installedJar);
        if (noAotCache) {
            Files.deleteIfExists(aot);
        } else {
            err.println("install: recording the AOT cache (a training run in a child JVM) ...");
            long bytes = AotCache.create(installedJar, aot, libDir.resolve("engine-cli.aot.log"));
            err.println(String.format(Locale.ROOT, "install: wrote %s (%,.1f MiB)", aot, bytes / 1048576.0));
        }
        Path launcher = binDir.resolve("engine-cli");
        writeExecutable(launcher, launcherScript(installedJar, aot, Path.of(System.getProperty("java.home"))));
        err.println("install: wrote " + launcher);
        if (!onPath(binDir)) {
            err.println("install: " + binDir + " is not on your PATH; add it, e.g. export PATH=\"" + binDir + ":$PATH\"");
        }
        spec.commandLine().getOut().println(launcher);
        return 0;
    }

    static String launcherScript(Path jar, Path aot, Path javaHome) {
        return """
                #!/bin/sh
                # engine-cli, installed by `engine-cli install` on %s. Runs %s
                # on the JDK it was installed from, with the JVM flags the engine needs and its AOT cache.
                #   MVS_JAVA_HOME  another JDK (25 or newer; the AOT cache then goes unused unless it is the same build)
                #   MVS_JAVA_OPTS  extra JVM options, e.g. -Xmx4g
                java_home="${MVS_JAVA_HOME:-%s}"
                # File names are bytes: under a non-UTF-8 locale the JVM could not open a non-ASCII one.
                case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
                  *[Uu][Tt][Ff]-8*|*[Uu][Tt][Ff]8*) ;;
                  *) LC_ALL=C.UTF-8; export LC_ALL ;;
                esac
                # Lance sizes its CPU pool once per process: CPUs minus 2 unless set (docs/threads.md).
                LANCE_CPU_THREADS="${LANCE_CPU_THREADS:-$(nproc 2>/dev/null || echo 2)}"; export LANCE_CPU_THREADS
                # Lance's io_uring threads (search reads) wake every 10 ms when idle unless told otherwise.
                LANCE_URING_POLL_TIMEOUT_MS="${LANCE_URING_POLL_TIMEOUT_MS:-1000}"; export LANCE_URING_POLL_TIMEOUT_MS
                aot=
                [ -f %s ] && aot=-XX:AOTCache=%s
                # Commands that finish in well under a second run without C2 (its compiles would take a core),
                # and index runs whose work is native (the model, Lance).
                %s
                jit=$index_jit
                case "${1:-}" in %s) jit=-XX:TieredStopAtLevel=1 ;; esac
                # JVM log lines go to stderr (stdout carries results); a stale AOT cache is ignored quietly.
                # shellcheck disable=SC2086
                exec "$java_home/bin/java" %s -Xlog:disable -Xlog:all=warning,aot=off:stderr $aot $jit ${MVS_JAVA_OPTS:-} -jar %s "$@"
                """.formatted(LocalDate.now(), jar, javaHome, quote(aot), quote(aot), INDEX_JIT.strip(), QUICK_COMMANDS, String.join(" ", JvmFlags.ALL), quote(jar));
    }

    /** A path as one sh word: single quotes, with any ' written as '\''. */
    static String quote(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }

    private static void writeExecutable(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path dataHome(Path home) {
        String xdg = System.getenv("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/share");
    }

    private static boolean onPath(Path dir) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(":")).anyMatch(p -> !p.isEmpty() && Path.of(p).toAbsolutePath().normalize().equals(dir));
    }
}
