package dev.mvs.engine.chunk;

import dev.mvs.engine.RealCorpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

class SyntaxChunkerTest {

    /** Small enough that every class below is cut into its header and its members. */
    private static final SyntaxChunker SMALL = new SyntaxChunker(6, 2, LineWindowChunker.defaults());
    private static final SyntaxChunker DEFAULTS = SyntaxChunker.defaults();

    /** kind symbol start-end, one per chunk, in order. */
    private static List<String> outline(List<Chunk> chunks) {
        return chunks.stream().map(c -> c.kind() + " " + c.symbol() + " " + c.startLine() + "-" + c.endLine()).toList();
    }

    private static String text(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** Every chunk holds exactly its lines, none is longer than maxLines, every line with content is in one. */
    private static void assertWellFormed(String text, List<Chunk> chunks, int maxLines) {
        List<String> lines = LineWindowChunker.lines(text);
        boolean[] covered = new boolean[lines.size() + 1];
        for (Chunk chunk : chunks) {
            assertTrue(chunk.endLine() <= lines.size(), chunk.path() + " " + chunk.kind() + " " + chunk.symbol());
            assertTrue(chunk.endLine() - chunk.startLine() + 1 <= maxLines,
                    chunk.path() + ": " + chunk.kind() + " " + chunk.symbol() + " " + chunk.startLine() + "-" + chunk.endLine() + " is too long");
            assertEquals(String.join("\n", lines.subList(chunk.startLine() - 1, chunk.endLine())), chunk.content());
            for (int line = chunk.startLine(); line <= chunk.endLine(); line++) {
                covered[line] = true;
            }
        }
        for (int line = 1; line <= lines.size(); line++) {
            if (!covered[line] && !isTrivial(lines.get(line - 1))) {
                fail("line " + line + " of " + (chunks.isEmpty() ? "?" : chunks.getFirst().path()) + " is in no chunk: " + lines.get(line - 1));
            }
        }
    }

    /** Nothing but blanks and brackets: the chunker leaves such lines out of every chunk. */
    private static boolean isTrivial(String line) {
        return line.chars().allMatch(c -> Character.isWhitespace(c) || "{}()[];,".indexOf(c) >= 0);
    }

    private static final String JAVA = text(
            "package demo;",                        // 1
            "",                                     // 2
            "import java.util.List;",               // 3
            "",                                     // 4
            "/** A greeter. */",                    // 5
            "public class Greeter {",               // 6
            "    private final String name = \"x\";", // 7
            "",                                     // 8
            "    String hello() {",                 // 9
            "        return \"hello \" + name;",    // 10
            "    }",                                // 11
            "",                                     // 12
            "    /** Its length. */",               // 13
            "    @Override",                        // 14
            "    public int size() {",              // 15
            "        return name.length();",        // 16
            "    }",                                // 17
            "}");                                   // 18

    @Test
    void chunkTextsAreTheSameWithAnyLineEndingAndWithoutAFinalNewline() {
        List<Chunk> lf = DEFAULTS.chunk("src/demo/Greeter.java", "java", JAVA);
        assertTrue(JAVA.endsWith("}\n"));
        assertEquals(lf, DEFAULTS.chunk("src/demo/Greeter.java", "java", JAVA.replace("\n", "\r\n")));
        assertEquals(lf, DEFAULTS.chunk("src/demo/Greeter.java", "java", JAVA.substring(0, JAVA.length() - 1)));
        assertEquals(lf.getLast().content(), String.join("\n", JAVA.lines().toList().subList(lf.getLast().startLine() - 1, lf.getLast().endLine())));
    }

    @Test
    void java() {
        List<Chunk> chunks = SMALL.chunk("src/demo/Greeter.java", "java", JAVA);
        assertEquals(List.of("imports  1-3", "class Greeter 5-8", "method Greeter.hello 9-11", "method Greeter.size 13-17"), outline(chunks));
        assertEquals("    /** Its length. */\n    @Override\n    public int size() {\n        return name.length();\n    }",
                chunks.getLast().content());
        assertTrue(chunks.stream().allMatch(c -> c.language().equals("java") && c.path().equals("src/demo/Greeter.java")));
        assertWellFormed(JAVA, chunks, 6);
        // within maxLines, a class is one chunk, its methods included
        assertEquals(List.of("imports  1-3", "class Greeter 5-18"), outline(DEFAULTS.chunk("src/demo/Greeter.java", "java", JAVA)));
    }

    @Test
    void javaNestedTypesConstructorsAndEnums() {
        String text = text(
                "class Outer {",                    // 1
                "    Outer() {}",                   // 2
                "    static class Inner {",         // 3
                "        void a() {}",              // 4
                "        void b() {}",              // 5
                "        void c() {}",              // 6
                "        void d() {}",              // 7
                "        void e() {}",              // 8
                "    }",                            // 9
                "    enum Color { RED, GREEN;",     // 10
                "        int code() { return 1; }", // 11
                "    }",                            // 12
                "    record Pair(int a, int b) {",  // 13
                "        Pair {",                   // 14
                "        }",                        // 15
                "    }",                            // 16
                "}");                               // 17
        List<Chunk> chunks = SMALL.chunk("Outer.java", "java", text);
        assertEquals(List.of("class Outer 1-1", "constructor Outer.Outer 2-2", "class Outer.Inner 3-3",
                "method Outer.Inner.a 4-4", "method Outer.Inner.b 5-5", "method Outer.Inner.c 6-6", "method Outer.Inner.d 7-7",
                "method Outer.Inner.e 8-8", "enum Outer.Color 10-12", "record Outer.Pair 13-16"), outline(chunks));
        assertWellFormed(text, chunks, 6);
    }

    private static final String PYTHON = text(
            "import os",                             // 1
            "",                                      // 2
            "",                                      // 3
            "class Greeter:",                        // 4
            "    \"\"\"Greets.\"\"\"",               // 5
            "",                                      // 6
            "    def __init__(self, name):",         // 7
            "        self.name = name",              // 8
            "",                                      // 9
            "    @property",                         // 10
            "    def hello(self):",                  // 11
            "        return 'hello ' + self.name",   // 12
            "",                                      // 13
            "",                                      // 14
            "def main():",                           // 15
            "    print(Greeter(os.name).hello)");    // 16

    @Test
    void python() {
        List<Chunk> chunks = SMALL.chunk("greet.py", "python", PYTHON);
        assertEquals(List.of("imports  1-1", "class Greeter 4-6", "method Greeter.__init__ 7-8", "method Greeter.hello 10-12",
                "function main 15-16"), outline(chunks));
        assertWellFormed(PYTHON, chunks, 6);
        assertEquals(List.of("imports  1-1", "class, function Greeter, main 4-16"), outline(DEFAULTS.chunk("greet.py", "python", PYTHON)));
    }

    private static final String TYPESCRIPT = text(
            "import { readFile } from \"fs\";",          // 1
            "",                                           // 2
            "export class Greeter {",                     // 3
            "  private greeting = \"hello\";",            // 4
            "  hello(name: string): string {",            // 5
            "    return this.greeting + name;",           // 6
            "  }",                                        // 7
            "",                                           // 8
            "  size = (s: string): number => s.length;",  // 9
            "}",                                          // 10
            "",                                           // 11
            "export interface Named { name: string }",    // 12
            "export const shout = (s: string) => s.toUpperCase();"); // 13

    @Test
    void typescript() {
        List<Chunk> chunks = SMALL.chunk("web/greet.ts", "typescript", TYPESCRIPT);
        assertEquals(List.of("imports  1-1", "class Greeter 3-4", "method Greeter.hello 5-7", "method Greeter.size 9-9",
                "interface Named 12-12", "function shout 13-13"), outline(chunks));
        assertWellFormed(TYPESCRIPT, chunks, 6);

        String tsx = text(
                "import React from \"react\";",
                "export function App(props: { name: string }) {",
                "  return <div className=\"app\">{props.name}</div>;",
                "}");
        assertEquals(List.of("imports  1-1", "function App 2-4"), outline(DEFAULTS.chunk("web/App.tsx", "typescript", tsx)));
    }

    private static final String JAVASCRIPT = text(
            "const fs = require(\"fs\");",           // 1
            "",                                      // 2
            "class Greeter {",                       // 3
            "  constructor(name) {",                 // 4
            "    this.name = name;",                 // 5
            "  }",                                   // 6
            "  hello() {",                           // 7
            "    return `hello ${this.name}`;",      // 8
            "  }",                                   // 9
            "}",                                     // 10
            "",                                      // 11
            "function main() {",                     // 12
            "  return <App greeter={new Greeter(fs)} />;", // 13 (JSX)
            "}",                                     // 14
            "module.exports = { Greeter, main };",   // 15
            "Greeter.prototype.bye = function () { return \"bye\"; };"); // 16

    @Test
    void javascript() {
        List<Chunk> chunks = SMALL.chunk("lib/greet.jsx", "javascript", JAVASCRIPT);
        assertEquals(List.of("module  1-2", "class Greeter 3-3", "method Greeter.constructor 4-6", "method Greeter.hello 7-9",
                "function main 12-14", "module  15-15", "function Greeter.prototype.bye 16-16"), outline(chunks));
        assertWellFormed(JAVASCRIPT, chunks, 6);
    }

    private static final String GO = text(
            "package greet",                         // 1
            "",                                      // 2
            "import \"strings\"",                    // 3
            "",                                      // 4
            "// Greeter greets.",                    // 5
            "type Greeter struct {",                 // 6
            "\tName string",                         // 7
            "}",                                     // 8
            "",                                      // 9
            "// Hello says hello.",                  // 10
            "func (g *Greeter) Hello() string {",    // 11
            "\treturn \"hello \" + g.Name",          // 12
            "}",                                     // 13
            "",                                      // 14
            "func Shout(s string) string {",         // 15
            "\treturn strings.ToUpper(s)",           // 16
            "}");                                    // 17

    @Test
    void go() {
        List<Chunk> chunks = SMALL.chunk("greet/greet.go", "go", GO);
        assertEquals(List.of("imports  1-3", "struct Greeter 5-8", "method Greeter.Hello 10-13", "function Shout 15-17"), outline(chunks));
        assertWellFormed(GO, chunks, 6);
    }

    private static final String RUST = text(
            "use std::fmt;",                                        // 1
            "",                                                     // 2
            "/// A greeter.",                                       // 3
            "#[derive(Debug)]",                                     // 4
            "pub struct Greeter {",                                 // 5
            "    name: String,",                                    // 6
            "}",                                                    // 7
            "",                                                     // 8
            "impl<'a> Greeter {",                                   // 9
            "    pub fn new(name: &str) -> Self {",                 // 10
            "        Greeter { name: name.to_string() }",           // 11
            "    }",                                                // 12
            "",                                                     // 13
            "    pub fn hello(&self) -> String {",                  // 14
            "        format!(\"hello {}\", self.name)",             // 15
            "    }",                                                // 16
            "}",                                                    // 17
            "",                                                     // 18
            "impl fmt::Display for Greeter {",                      // 19
            "    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, \"{}\", self.name) }", // 20
            "}");                                                   // 21

    @Test
    void rust() {
        List<Chunk> chunks = SMALL.chunk("src/greet.rs", "rust", RUST);
        assertEquals(List.of("imports  1-1", "struct Greeter 3-7", "impl Greeter 9-9", "method Greeter.new 10-12",
                "method Greeter.hello 14-16", "impl Greeter 19-21"), outline(chunks));
        assertWellFormed(RUST, chunks, 6);
    }

    @Test
    void idsAreStableForUnchangedContent() {
        List<Chunk> first = SMALL.chunk("src/demo/Greeter.java", "java", JAVA);
        assertEquals(first, SMALL.chunk("src/demo/Greeter.java", "java", JAVA));
        // an edit inside one method, same line count: only that method's chunk changes
        List<Chunk> edited = SMALL.chunk("src/demo/Greeter.java", "java", JAVA.replace("\"hello \"", "\"hi \""));
        assertEquals(first.size(), edited.size());
        for (int i = 0; i < first.size(); i++) {
            boolean isHello = first.get(i).symbol().equals("Greeter.hello");
            assertEquals(!isHello, first.get(i).chunkId().equals(edited.get(i).chunkId()), first.get(i).symbol());
        }
        assertNotEquals(first.getFirst().chunkId(), SMALL.chunk("other/Greeter.java", "java", JAVA).getFirst().chunkId());
    }

    @Test
    void oversizedFunctionIsSplitBetweenStatementsWithoutRepeatingLines() {
        List<String> lines = new ArrayList<>(List.of("package big;", "", "class Big {", "    int run(int x) {"));
        IntStream.rangeClosed(1, 300).forEach(i -> lines.add("        x += " + i + ";"));
        lines.addAll(List.of("        return x;", "    }", "}"));
        String text = String.join("\n", lines) + "\n";
        List<Chunk> chunks = DEFAULTS.chunk("Big.java", "java", text);
        List<Chunk> run = chunks.stream().filter(c -> c.symbol().equals("Big.run")).toList();
        assertTrue(run.size() >= 3, outline(chunks).toString());
        assertTrue(run.stream().allMatch(c -> c.kind().equals("method")));
        assertEquals(4, run.getFirst().startLine());
        assertEquals(lines.size() - 1, run.getLast().endLine());
        for (int i = 1; i < run.size(); i++) {
            assertEquals(run.get(i - 1).endLine() + 1, run.get(i).startLine(), "pieces neither overlap nor leave a gap");
        }
        assertEquals(List.of("imports  1-1", "class Big 3-3"), outline(chunks.subList(0, 2)));
        assertWellFormed(text, chunks, SyntaxChunker.DEFAULT_MAX_LINES);
    }

    @Test
    void syntaxErrorsStillGiveChunks() {
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("java", text("class A {", "  void f( { int x = ; }", "  @@@ ))) garbage", "  void g() { return; }", "}", "class {"));
        broken.put("python", text("def f(:", "    return )", "class C:", "    def g(self):", "        pass", "  ]]] bad indent"));
        broken.put("typescript", text("export class {", "  m(): { return <<< }", "function ok() { return 1; }"));
        broken.put("javascript", text("function (", "}}} )", "const ok = () => 1;"));
        broken.put("go", text("package x", "func (", "type T struct {", "func ok() {}"));
        broken.put("rust", text("impl for {", "fn ok() {}", "struct", "\u0000\u0001 binary-ish"));
        for (var entry : broken.entrySet()) {
            List<Chunk> chunks = SMALL.chunk("broken." + entry.getKey(), entry.getKey(), entry.getValue());
            assertFalse(chunks.isEmpty(), entry.getKey());
            assertWellFormed(entry.getValue(), chunks, 6);
        }
        // Not valid UTF-16: parsed as its UTF-8 encoding ('?' for the surrogate), chunked from the text itself.
        String loneSurrogate = "class A {\n  String s = \"\uD800\";\n}\n";
        assertEquals(List.of("class A 1-3"), outline(DEFAULTS.chunk("A.java", "java", loneSurrogate)));
        assertWellFormed(loneSurrogate, DEFAULTS.chunk("A.java", "java", loneSurrogate), 120);
        assertEquals(List.of(), DEFAULTS.chunk("Empty.java", "java", ""));
        assertEquals(List.of(), DEFAULTS.chunk("Blank.py", "python", "\n\n   \n"));
    }

    @Test
    void otherLanguagesGetLineWindows() {
        SyntaxChunker chunker = SyntaxChunker.defaults();
        String text = IntStream.rangeClosed(1, 150).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        List<Chunk> expected = LineWindowChunker.defaults().chunk("notes.txt", "text", text);
        assertEquals(expected, chunker.chunk("notes.txt", "text", text));
        assertEquals(LineWindowChunker.defaults().chunk("notes.txt", null, text), chunker.chunk("notes.txt", null, text));
        assertTrue(expected.stream().allMatch(c -> c.kind().equals(LineWindowChunker.KIND)));
        assertEquals("unsupported", chunker.chunkFile("notes.txt", "text", text.getBytes(StandardCharsets.UTF_8)).fallback());
        assertEquals("unsupported", chunker.chunkFile("notes", null, text.getBytes(StandardCharsets.UTF_8)).fallback());
    }

    @Test
    void minifiedAndGarbageFilesGetLineWindowsAndAreCounted() {
        SyntaxChunker chunker = SyntaxChunker.defaults();
        String minified = "var a=[" + "1,".repeat(6_000) + "];function f(){return a}\n";
        assertEquals(LineWindowChunker.defaults().chunk("app.min.js", "javascript", minified), chunker.chunk("app.min.js", "javascript", minified));
        String garbage = text("@@@ ))) ((( ]]]", "### {{{ <<< >>>", "%%% &&& ||| !!!");
        assertEquals(LineWindowChunker.defaults().chunk("A.java", "java", garbage), chunker.chunk("A.java", "java", garbage));
        assertEquals("minified", chunker.chunkFile("app.min.js", "javascript", minified.getBytes(StandardCharsets.UTF_8)).fallback());
        assertEquals("unparsable", chunker.chunkFile("A.java", "java", garbage.getBytes(StandardCharsets.UTF_8)).fallback());
        ChunkedFile parsed = chunker.chunkFile("src/demo/Greeter.java", "java", JAVA.getBytes(StandardCharsets.UTF_8));
        assertNull(parsed.fallback());
        assertEquals(chunker.chunk("src/demo/Greeter.java", "java", JAVA), parsed.chunks());
    }

    @Test
    void safeFromSeveralThreads() throws Exception {
        Map<String, String> files = Map.of("java", JAVA, "python", PYTHON, "typescript", TYPESCRIPT, "javascript", JAVASCRIPT,
                "go", GO, "rust", RUST);
        Map<String, List<Chunk>> expected = new LinkedHashMap<>();
        files.forEach((language, text) -> expected.put(language, SMALL.chunk("f", language, text)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        files.forEach((language, text) -> assertEquals(expected.get(language), SMALL.chunk("f", language, text)));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void linesSplitsAsTheRegexDid() {
        for (String text : List.of("", "\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\r", "\r\n", "a\r\r\nb", "\n\r\n\n", "a\n\n", "\r\rx\r")) {
            List<String> regex = new ArrayList<>(List.of(text.split("\r?\n", -1)));
            if (regex.getLast().isEmpty()) {
                regex.removeLast();
            }
            assertEquals(regex, LineWindowChunker.lines(text), text.replace("\r", "\\r").replace("\n", "\\n"));
        }
    }

    /** The real thing: java.util.concurrent from this JDK's sources. */
    @Test
    void jdkConcurrentSources() throws IOException {
        Path srcZip = RealCorpora.jdkSrcZip();
        Map<String, String> sources = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(srcZip.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (entry.getName().startsWith("java.base/java/util/concurrent/") && entry.getName().endsWith(".java")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        sources.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertTrue(sources.size() > 50, "only " + sources.size() + " files");

        long lines = sources.values().stream().mapToLong(text -> LineWindowChunker.lines(text).size()).sum();
        Map<String, List<Chunk>> chunks = new LinkedHashMap<>();
        long started = System.nanoTime();
        sources.forEach((path, text) -> chunks.put(path, DEFAULTS.chunk(path, "java", text)));
        double seconds = (System.nanoTime() - started) / 1e9;
        long count = chunks.values().stream().mapToLong(List::size).sum();
        System.out.printf("SyntaxChunker: %d files, %d lines, %d chunks in %.3f s (first pass, cold): %.0f files/s, %.0f lines/s%n",
                sources.size(), lines, count, seconds, sources.size() / seconds, lines / seconds);

        started = System.nanoTime();
        sources.forEach((path, text) -> DEFAULTS.chunk(path, "java", text));
        seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("SyntaxChunker: second pass (warm) %.3f s: %.0f files/s, %.0f lines/s%n",
                seconds, sources.size() / seconds, lines / seconds);

        List<Chunk> chm = chunks.get("java.base/java/util/concurrent/ConcurrentHashMap.java");
        assertTrue(chm.stream().anyMatch(c -> c.kind().equals("method") && c.symbol().equals("ConcurrentHashMap.putVal")),
                "no ConcurrentHashMap.putVal");
        assertTrue(chm.stream().anyMatch(c -> c.symbol().startsWith("ConcurrentHashMap.TreeBin")), "nested class");
        assertTrue(chm.stream().anyMatch(c -> hasKind(c, "constructor")), "constructors");
        sources.forEach((path, text) -> assertWellFormed(text, chunks.get(path), SyntaxChunker.DEFAULT_MAX_LINES));
        assertTrue(chunks.values().stream().flatMap(List::stream).filter(c -> hasKind(c, "method")).count() > 1000);
    }

    /** Whether the chunk is of {@code kind}, alone or among the kinds of merged declarations ("method, constructor"). */
    private static boolean hasKind(Chunk chunk, String kind) {
        return List.of(chunk.kind().split(", ")).contains(kind);
    }
}
