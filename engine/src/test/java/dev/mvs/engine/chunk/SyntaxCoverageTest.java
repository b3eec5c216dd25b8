package dev.mvs.engine.chunk;

import dev.mvs.engine.RealCorpora;
import dev.mvs.engine.scan.Languages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The property docs/chunking.md promises, over every file of the JDK's sources and of the Python
 * standard library: in a file chunked by declaration, every line with content is in exactly one
 * chunk (nothing lost, nothing duplicated), chunks come in file order, none is longer than the
 * limit, and each chunk's text is its lines. Lines of nothing but blanks and brackets (or a closing
 * {@code end}/{@code fi}/{@code done}/{@code esac}) may be in no chunk.
 */
class SyntaxCoverageTest {

    private static final Set<String> CLOSING_WORDS = Set.of("end", "fi", "done", "esac");
    private static final int MAX_REPORTED = 20;

    @Test
    void everyLineOfTheJdkSourcesIsInExactlyOneChunk() throws IOException {
        Coverage coverage = new Coverage();
        try (ZipFile zip = new ZipFile(RealCorpora.jdkSrcZip().toFile())) {
            List<? extends ZipEntry> entries = zip.stream().filter(e -> !e.isDirectory()).toList();
            entries.parallelStream().forEach(entry -> {
                try (InputStream in = zip.getInputStream(entry)) {
                    coverage.check(entry.getName(), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        coverage.assertHolds("JDK src.zip", "java", 14_000);
    }

    @Test
    void everyLineOfThePythonStandardLibraryIsInExactlyOneChunk() throws IOException {
        Path stdlib = RealCorpora.pythonStdlib();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(stdlib)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !excluded(stdlib.relativize(p))).toList();
        }
        Coverage coverage = new Coverage();
        files.parallelStream().forEach(p -> {
            try {
                coverage.check(stdlib.relativize(p).toString(), Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        coverage.assertHolds("Python stdlib", "python", 600);
    }

    /** The stdlib as the benchmarks index it: without its test suite and installed packages. */
    private static boolean excluded(Path relative) {
        String first = relative.getNameCount() > 0 ? relative.getName(0).toString() : "";
        return first.equals("test") || first.equals("site-packages") || first.equals("dist-packages") || relative.toString().contains("__pycache__");
    }

    /** Checks files as they come (from several threads) and keeps the counts and the first violations. */
    private static final class Coverage {
        private final SyntaxChunker chunker = SyntaxChunker.defaults();
        private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> byDeclarationPerLanguage = new ConcurrentHashMap<>();
        private final LongAdder lines = new LongAdder();
        private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

        void check(String path, byte[] bytes) {
            String text = utf8(bytes);
            if (text == null || text.indexOf('\0') >= 0) {
                return; // discovery skips such files: never chunked
            }
            String language = Languages.of(path.substring(path.lastIndexOf('/') + 1));
            ChunkedFile file = chunker.chunkFile(path, language, bytes);
            outcomes.computeIfAbsent(file.fallback() == null ? "by declaration" : file.fallback(), k -> new LongAdder()).increment();
            if (file.fallback() != null) {
                return;
            }
            byDeclarationPerLanguage.computeIfAbsent(language, k -> new LongAdder()).increment();
            List<String> fileLines = LineWindowChunker.lines(text);
            lines.add(fileLines.size());
            int[] owner = new int[fileLines.size() + 1];
            int previousEnd = 0;
            for (int i = 0; i < file.chunks().size(); i++) {
                Chunk c = file.chunks().get(i);
                if (c.startLine() <= previousEnd) {
                    violation(path, "chunk " + i + " (" + c.kind() + " " + c.symbol() + " " + c.startLine() + "-" + c.endLine()
                            + ") starts at or before the end of the one before it, line " + previousEnd);
                }
                previousEnd = Math.max(previousEnd, c.endLine());
                if (c.endLine() - c.startLine() + 1 > SyntaxChunker.DEFAULT_MAX_LINES) {
                    violation(path, c.kind() + " " + c.symbol() + " " + c.startLine() + "-" + c.endLine() + " is longer than "
                            + SyntaxChunker.DEFAULT_MAX_LINES + " lines");
                }
                if (c.endLine() > fileLines.size() || !c.content().equals(String.join("\n", fileLines.subList(c.startLine() - 1, c.endLine())))) {
                    violation(path, c.kind() + " " + c.symbol() + " " + c.startLine() + "-" + c.endLine() + ": its text is not its lines");
                    continue;
                }
                for (int line = c.startLine(); line <= c.endLine(); line++) {
                    if (owner[line] != 0) {
                        violation(path, "line " + line + " is in chunks " + (owner[line] - 1) + " and " + i);
                    }
                    owner[line] = i + 1;
                }
            }
            for (int line = 1; line <= fileLines.size(); line++) {
                if (owner[line] == 0 && !trivial(fileLines.get(line - 1))) {
                    violation(path, "line " + line + " is in no chunk: " + fileLines.get(line - 1).strip());
                }
            }
        }

        private void violation(String path, String what) {
            if (violations.size() < MAX_REPORTED) {
                violations.add(path + ": " + what);
            }
        }

        void assertHolds(String corpus, String mainLanguage, long atLeast) {
            Map<String, Long> counts = new TreeMap<>();
            outcomes.forEach((k, v) -> counts.put(k, v.sum()));
            Map<String, Long> languages = new TreeMap<>();
            byDeclarationPerLanguage.forEach((k, v) -> languages.put(k, v.sum()));
            System.out.printf(Locale.ROOT, "%s: files %s; by declaration per language %s; %,d lines checked%n", corpus, counts, languages, lines.sum());
            assertEquals(List.of(), violations, corpus + ": the first " + MAX_REPORTED + " violations");
            long parsed = languages.getOrDefault(mainLanguage, 0L);
            assertTrue(parsed >= atLeast, corpus + ": only " + parsed + " " + mainLanguage + " files chunked by declaration");
        }
    }

    /** What the chunker may leave out: blanks, brackets, a block's closing word (native/src/syntax.rs, is_trivial). */
    static boolean trivial(String line) {
        int from = 0;
        int to = line.length();
        while (from < to && ignorable(line.charAt(from))) {
            from++;
        }
        while (to > from && ignorable(line.charAt(to - 1))) {
            to--;
        }
        return from == to || CLOSING_WORDS.contains(line.substring(from, to));
    }

    private static boolean ignorable(char c) {
        return Character.isWhitespace(c) || "{}()[];,".indexOf(c) >= 0;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
