package dev.mvs.bench.e2e;

import dev.mvs.engine.chunk.Chunk;
import dev.mvs.engine.chunk.ChunkedFile;
import dev.mvs.engine.chunk.Chunker;
import dev.mvs.engine.chunk.LineWindowChunker;
import dev.mvs.engine.chunk.SyntaxChunker;
import dev.mvs.engine.scan.Languages;

import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The language table of issue 17: for each language with a grammar, a real corpus of it (the JDK's
 * sources, the Python standard library, Rust crates and Go's sources already on the machine; the
 * others from {@code --langs DIR/<language>}, whose SOURCES.md says where they come from), chunked
 * by declaration on one thread: files/s and MB/s (median of the timed passes, after one pass that
 * warms up and counts), chunks, their kinds, and the files that fell back to line windows and why;
 * line windows' files/s on the same files beside it. The grammar versions are native/Cargo.toml's.
 * <pre>
 * LanguageTable --python-stdlib DIR [--langs DIR] [--repeats N] [--out DIR] [--only java,python,...]
 * </pre>
 */
public final class LanguageTable {

    /** Language (as {@link Languages} names it) → the grammar crate that parses it ("" for the line outlines). */
    private static final Map<String, String> GRAMMARS = new LinkedHashMap<>();

    static {
        GRAMMARS.put("java", "tree-sitter-java");
        GRAMMARS.put("kotlin", "tree-sitter-kotlin-ng");
        GRAMMARS.put("scala", "tree-sitter-scala");
        GRAMMARS.put("python", "tree-sitter-python");
        GRAMMARS.put("javascript", "tree-sitter-javascript");
        GRAMMARS.put("typescript", "tree-sitter-typescript");
        GRAMMARS.put("go", "tree-sitter-go");
        GRAMMARS.put("rust", "tree-sitter-rust");
        GRAMMARS.put("c", "tree-sitter-c");
        GRAMMARS.put("cpp", "tree-sitter-cpp");
        GRAMMARS.put("csharp", "tree-sitter-c-sharp");
        GRAMMARS.put("ruby", "tree-sitter-ruby");
        GRAMMARS.put("php", "tree-sitter-php");
        GRAMMARS.put("swift", "tree-sitter-swift");
        GRAMMARS.put("shell", "tree-sitter-bash");
        GRAMMARS.put("json", "tree-sitter-json");
        GRAMMARS.put("markdown", "");
        GRAMMARS.put("yaml", "");
        GRAMMARS.put("toml", "");
    }

    /** The engine skips larger files (docs/storage.md). */
    private static final long MAX_FILE_BYTES = 1 << 20;

    private LanguageTable() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path work = Path.of(System.getProperty("user.home"), ".cache", "mvs-engine", "bench");
        Path langs = work.resolve("langs");
        Path out = Path.of("bench", "results", LocalDate.now(ZoneOffset.UTC) + "-languages");
        Path python = null;
        int repeats = 3;
        List<String> only = List.copyOf(GRAMMARS.keySet());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--langs" -> langs = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--python-stdlib" -> python = Path.of(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: --python-stdlib DIR [--langs DIR] [--repeats N] [--out DIR] [--only java,python,...])");
            }
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1");
        }
        Corpora corpora = new Corpora(work, Path.of(System.getProperty("java.home"), "lib", "src.zip"), python);
        Map<String, String> versions = grammarVersions(Path.of("native", "Cargo.toml"));
        Files.createDirectories(out);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String language : only) {
            if (!GRAMMARS.containsKey(language)) {
                throw new IllegalArgumentException("no grammar for " + language + "; languages: " + GRAMMARS.keySet());
            }
            List<Path> roots = roots(language, corpora, langs);
            List<Source> files = new ArrayList<>();
            for (Path root : roots) {
                files.addAll(sources(root, language));
            }
            if (files.isEmpty()) {
                System.err.println("bench: no " + language + " files on this machine; left out");
                continue;
            }
            String corpus = roots.stream().map(r -> r.startsWith(work) ? work.relativize(r).toString() : r.toString())
                    .collect(Collectors.joining(", "));
            System.err.printf(Locale.ROOT, "bench: %s: %,d files from %s%n", language, files.size(), corpus);
            rows.put(language, measure(language, corpus, files, repeats));
        }
        String md = markdown(rows, versions, repeats, String.join(" ", args));
        Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.json"), new GsonBuilder().setPrettyPrinting().create().toJson(rows), StandardCharsets.UTF_8);
        System.out.print(md);
        System.err.println("bench: wrote " + out);
    }

    /** One file of the corpus, read. */
    private record Source(String path, byte[] utf8) {
    }

    /** What one language's corpus measured. */
    record Row(String corpus, int files, double megabytes, long chunks, Map<String, Long> kinds, Map<String, Long> fallbacks,
               double syntaxFilesPerSecond, double syntaxMegabytesPerSecond, double linesFilesPerSecond, List<Double> syntaxPassSeconds) {
    }

    private static List<Path> roots(String language, Corpora corpora, Path langs) throws IOException {
        Path own = langs.resolve(language.equals("shell") ? "bash" : language);
        if (Files.isDirectory(own)) {
            return List.of(own);
        }
        List<Path> roots = new ArrayList<>();
        switch (language) {
            case "java" -> roots.add(corpora.jdk());
            case "python" -> {
                if (corpora.hasPython()) {
                    roots.add(corpora.python());
                }
            }
            case "rust" -> roots.add(corpora.rust());
            case "go" -> {
                if (corpora.go() != null) {
                    roots.add(corpora.go());
                }
            }
            // the outline formats: the Markdown, TOML, YAML and JSON files among the crates and Go's tree
            case "markdown", "toml", "yaml", "json" -> {
                roots.add(corpora.rust());
                if (corpora.go() != null) {
                    roots.add(corpora.go());
                }
            }
            default -> {
            }
        }
        return roots;
    }

    /** The files of {@code language} under {@code root} the engine would index: at most 1 MiB, UTF-8. */
    private static List<Source> sources(Path root, String language) throws IOException {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (!Languages.of(p.getFileName().toString()).equals(language) || Files.size(p) > MAX_FILE_BYTES) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(p);
                try {
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
                } catch (CharacterCodingException e) {
                    continue;
                }
                out.add(new Source(root.relativize(p).toString(), bytes));
            }
        }
        return out;
    }

    private static Row measure(String language, String corpus, List<Source> files, int repeats) {
        SyntaxChunker syntax = SyntaxChunker.defaults();
        Chunker lines = LineWindowChunker.defaults();
        Map<String, Long> kinds = new TreeMap<>();
        Map<String, Long> fallbacks = new TreeMap<>();
        long chunks = 0;
        long bytes = 0;
        for (Source f : files) {
            ChunkedFile chunked = syntax.chunkFile(f.path(), language, f.utf8());
            bytes += f.utf8().length;
            chunks += chunked.chunks().size();
            if (chunked.fallback() != null) {
                fallbacks.merge(chunked.fallback(), 1L, Long::sum);
            }
            for (Chunk c : chunked.chunks()) {
                for (String kind : c.kind().split(", ")) {
                    kinds.merge(kind, 1L, Long::sum);
                }
            }
        }
        double[] syntaxSeconds = new double[repeats];
        double[] linesSeconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            syntaxSeconds[r] = pass(syntax, language, files);
            linesSeconds[r] = pass(lines, language, files);
        }
        double syntaxMedian = median(syntaxSeconds);
        double megabytes = bytes / 1e6;
        return new Row(corpus, files.size(), megabytes, chunks, kinds, fallbacks, files.size() / syntaxMedian, megabytes / syntaxMedian,
                files.size() / median(linesSeconds), Arrays.stream(syntaxSeconds).boxed().toList());
    }

    /** Seconds to chunk every file once on this thread. */
    private static double pass(Chunker chunker, String language, List<Source> files) {
        long started = System.nanoTime();
        for (Source f : files) {
            chunker.chunkFile(f.path(), language, f.utf8());
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** crate → version, from the exact pins (`tree-sitter-java = "=0.23.5"`) of native/Cargo.toml. */
    private static Map<String, String> grammarVersions(Path cargoToml) throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^(tree-sitter[\\w-]*) = \"=([^\"]+)\"").matcher(Files.readString(cargoToml));
        while (m.find()) {
            versions.put(m.group(1), m.group(2));
        }
        return versions;
    }

    private static String markdown(Map<String, Row> rows, Map<String, String> versions, int repeats, String args) {
        StringBuilder md = new StringBuilder("# Declaration chunks per language\n\n");
        md.append(String.format(Locale.ROOT, "Command: `./bench/languages.sh %s`; one thread, JDK %s, %s. Files/s and MB/s: median of %d passes "
                        + "after one that warms up and counts; line windows over the same files in the same passes.%n%n",
                args.replaceAll("--python-stdlib \\S+ ?", "").strip(), System.getProperty("java.version"), LocalDate.now(ZoneOffset.UTC), repeats));
        md.append("| language | grammar | corpus | files | MB | chunks | chunk kinds (count) | files by line windows | declarations files/s | MB/s "
                + "| line windows files/s |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            String crate = GRAMMARS.get(e.getKey());
            String grammar = crate.isEmpty() ? "none (line outline)" : crate + " " + versions.getOrDefault(crate, "?");
            String kinds = r.kinds().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(k -> String.format(Locale.ROOT, "%s %,d", k.getKey(), k.getValue())).collect(Collectors.joining(", "));
            String fallbacks = r.fallbacks().isEmpty() ? "0" : r.fallbacks().entrySet().stream()
                    .map(f -> String.format(Locale.ROOT, "%s %,d", f.getKey(), f.getValue())).collect(Collectors.joining(", "));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %.1f | %,d | %s | %s | %,.0f | %.1f | %,.0f |%n", e.getKey(), grammar, r.corpus(),
                    r.files(), r.megabytes(), r.chunks(), kinds, fallbacks, r.syntaxFilesPerSecond(), r.syntaxMegabytesPerSecond(),
                    r.linesFilesPerSecond()));
        }
        return md.toString();
    }
}
