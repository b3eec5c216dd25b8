package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.store.IndexLayout;
import dev.mvs.engine.store.WriterLock;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine-cli mcp} driven by the MCP Java SDK's own client over stdio, the server a child process
 * started from the packaged jar as an agent's client starts it: every tool with good and bad arguments,
 * a reindex seen by the next search, and a reindex while another process (this one) holds the writer lock.
 * The repository is real code: the engine's store package from this checkout. Runs in mvn verify.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpCommandTest {

    @TempDir
    static Path dir;

    private static Path repo;
    private static Path index;

    private static final long STARTED = System.currentTimeMillis();

    /** A server that crashed (an hs_err file in this directory, the child's) fails the class even if its answers came first. */
    @AfterAll
    static void noServerCrashed() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(""))) {
            List<Path> crashes = files.filter(p -> p.getFileName().toString().startsWith("hs_err_pid")).filter(p -> p.toFile().lastModified() >= STARTED)
                    .toList();
            assertEquals(List.of(), crashes, "a server JVM crashed");
        }
    }

    @BeforeAll
    static void indexRealCode() throws Exception {
        assertTrue(Files.isRegularFile(JarCommand.jar()), "no packaged jar at " + JarCommand.jar() + " (this test runs in mvn verify)");
        repo = dir.resolve("repo");
        Path store = Path.of("../engine/src/main/java/dev/mvs/engine/store");
        Files.createDirectories(repo.resolve("store"));
        try (Stream<Path> files = Files.list(store)) {
            for (Path f : files.toList()) {
                Files.copy(f, repo.resolve("store").resolve(f.getFileName()));
            }
        }
        index = dir.resolve("index");
        Process p = new ProcessBuilder(JarCommand.of("index", repo.toString(), "--index-dir", index.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("index.log").toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "index did not finish");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("index.log")));
    }

    private static McpSyncClient client(String... more) {
        List<String> c = new ArrayList<>(JarCommand.of("mcp", "--repo", repo.toString(), "--index-dir", index.toString()));
        c.addAll(List.of(more));
        ServerParameters server = ServerParameters.builder(c.getFirst()).args(c.subList(1, c.size())).addEnvVar("LC_ALL", "C.UTF-8").build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(new ObjectMapper()));
        transport.setStdErrorHandler(line -> System.err.println("server: " + line));
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(2)).initializationTimeout(Duration.ofMinutes(1)).build();
        client.initialize();
        return client;
    }

    private static CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(new CallToolRequest(tool, args));
    }

    private static String text(CallToolResult r) {
        return ((TextContent) r.content().getFirst()).text();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(CallToolResult r) {
        assertFalse(Boolean.TRUE.equals(r.isError()), text(r));
        return (List<Map<String, Object>>) ((Map<String, Object>) r.structuredContent()).get("results");
    }

    @Test
    @Order(1)
    void everyToolAnswersAndBadArgumentsAreToolErrorsTheServerSurvives() throws Exception {
        try (McpSyncClient c = client()) {
            List<Tool> tools = c.listTools().tools();
            assertEquals(List.of("search_code", "find_similar", "read_chunk", "index_status", "reindex"), tools.stream().map(Tool::name).toList());
            assertTrue(tools.stream().allMatch(t -> t.inputSchema() != null && t.outputSchema() != null && !t.description().isBlank()));

            List<Map<String, Object>> hits = results(call(c, "search_code", Map.of("query", "one writer process per index, an OS file lock", "limit", 3)));
            assertEquals("store/WriterLock.java", hits.getFirst().get("path"), hits.toString());
            assertTrue(hits.size() <= 3 && hits.getFirst().get("snippet") instanceof String);
            List<Map<String, Object>> keyword = results(call(c, "search_code", Map.of("query", "tryLock", "mode", "keyword", "kind", "method")));
            assertTrue(keyword.stream().anyMatch(h -> "store/WriterLock.java".equals(h.get("path"))), keyword.toString());

            List<Map<String, Object>> similar = results(call(c, "find_similar", Map.of("path", "store/WriterLock.java", "line", 40, "limit", 5)));
            assertFalse(similar.isEmpty());
            assertTrue(similar.stream().noneMatch(h -> "store/WriterLock.java".equals(h.get("path"))
                    && ((Number) h.get("start_line")).intValue() <= 40 && ((Number) h.get("end_line")).intValue() >= 40), "the seed is left out: " + similar);

            CallToolResult read = call(c, "read_chunk", Map.of("path", repo.resolve("store/WriterLock.java").toString(), "start_line", 3, "end_line", 9));
            List<String> lines = Files.readAllLines(repo.resolve("store/WriterLock.java"), StandardCharsets.UTF_8);
            assertEquals(String.join("\n", lines.subList(2, 9)), ((Map<?, ?>) read.structuredContent()).get("text"), text(read));

            Map<?, ?> status = (Map<?, ?>) call(c, "index_status", Map.of()).structuredContent();
            try (Stream<Path> files = Files.list(repo.resolve("store"))) {
                assertEquals(files.count(), ((Number) status.get("files")).longValue(), status.toString());
            }
            assertEquals(100.0, ((Number) status.get("embedded_percent")).doubleValue(), status.toString());

            assertToolError(c, "search_code", Map.of("query", "lock", "mode", "fuzzy"), "mode");
            assertToolError(c, "search_code", Map.of("query", "lock", "limit", 51), "limit");
            assertToolError(c, "search_code", Map.of("query", "lock", "path_glob", "store/{a,b}.java"), "no [...] classes or {a,b} alternatives");
            assertToolError(c, "search_code", Map.of("limit", 5), "query");
            assertToolError(c, "find_similar", Map.of("path", "../../etc/passwd"), "outside the repository");
            assertToolError(c, "find_similar", Map.of("path", "store/Nope.java"), "no file store/Nope.java in the index");
            assertToolError(c, "read_chunk", Map.of("path", "store/WriterLock.java", "start_line", 9, "end_line", 3), "start_line <= end_line");
            assertToolError(c, "reindex", Map.of("rebuild", "yes"), "rebuild");
            assertToolError(c, "index_status", Map.of("verbose", true), "verbose");

            assertEquals("store/WriterLock.java", results(call(c, "search_code", Map.of("query", "writer lock owner pid", "limit", 1))).getFirst().get("path"),
                    "the server still answers after every error");
        }
    }

    private static void assertToolError(McpSyncClient c, String tool, Map<String, Object> args, String mentions) {
        CallToolResult r = call(c, tool, args);
        assertTrue(Boolean.TRUE.equals(r.isError()), tool + " " + args + " should be a tool error: " + text(r));
        assertTrue(text(r).contains(mentions), text(r));
    }

    @Test
    @Order(2) // changes the index the others read
    void reindexIsSeenByTheNextSearchAndAnswersAtOnceWhenAnotherProcessIsIndexing() throws Exception {
        Path added = repo.resolve("store/Tide.java");
        Files.writeString(added, "package dev.mvs.engine.store;\n\n/** Predicts the zebrafish tide tables. */\nfinal class Tide {\n"
                + "    int zebrafishHighWater(int day) {\n        return day * 2;\n    }\n}\n");
        try (McpSyncClient c = client()) {
            assertTrue(results(call(c, "search_code", Map.of("query", "zebrafish", "mode", "keyword"))).isEmpty());
            try (WriterLock held = WriterLock.acquire(new IndexLayout(index).lockFile(), Duration.ZERO, m -> {})) {
                long t0 = System.nanoTime();
                CallToolResult busy = call(c, "reindex", Map.of());
                assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000, "answers at once, never queues");
                Map<?, ?> answer = (Map<?, ?>) busy.structuredContent();
                assertEquals(false, answer.get("ran"), text(busy));
                assertTrue(String.valueOf(answer.get("in_progress")).contains("pid " + ProcessHandle.current().pid()), answer.toString());
                assertTrue(text(busy).contains("in progress"), text(busy));
            }
            CallToolResult ran = call(c, "reindex", Map.of());
            Map<?, ?> report = (Map<?, ?>) ((Map<?, ?>) ran.structuredContent()).get("report");
            assertEquals(true, ((Map<?, ?>) ran.structuredContent()).get("ran"), text(ran));
            assertEquals(1, ((Number) ((Map<?, ?>) report.get("run")).get("read")).intValue(), report.toString());
            for (String mode : new String[] {"keyword", "semantic", "hybrid"}) {
                List<Map<String, Object>> hits = results(call(c, "search_code", Map.of("query", "zebrafish high water tide", "mode", mode, "limit", 3)));
                assertTrue(hits.stream().anyMatch(h -> "store/Tide.java".equals(h.get("path"))), mode + ": " + hits);
            }
        } finally {
            Files.delete(added);
        }
    }

    @Test
    @Order(3)
    void withWatchASaveIsFoundWithoutAReindex() throws Exception {
        Path added = repo.resolve("store/Harbour.java");
        try (McpSyncClient c = client("--watch")) {
            Files.writeString(added, "final class Harbour {\n    int quaggaBerths(int piers) {\n        return piers * 4;\n    }\n}\n");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            List<Map<String, Object>> hits = List.of();
            while (hits.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                hits = results(call(c, "search_code", Map.of("query", "quaggaBerths", "mode", "keyword")));
            }
            assertEquals("store/Harbour.java", hits.isEmpty() ? null : hits.getFirst().get("path"), "the server's watch indexed the save");
        } finally {
            Files.delete(added);
        }
    }

    /** The Python SDK (PyPI mcp, installed by setup/python-mcp.sh) as a second, independent client. */
    @Test
    @Order(1)
    void thePythonClientGetsTheSameAnswers() throws Exception {
        String venv = System.getenv().getOrDefault("MVS_MCP_VENV", Path.of(System.getProperty("user.home"), ".cache", "mvs-engine", "venv-mcp").toString());
        Path python = Path.of(venv, "bin", "python");
        assertTrue(Files.isExecutable(python), "no Python MCP client at " + python + ": run setup/python-mcp.sh (./setup.sh --packages does)");
        List<String> c = new ArrayList<>(List.of(python.toString(), Path.of("src/test/python/mcp_session.py").toAbsolutePath().toString(),
                "store/WriterLock.java", "--"));
        c.addAll(JarCommand.of("mcp", "--repo", repo.toString(), "--index-dir", index.toString()));
        Process p = new ProcessBuilder(c).redirectError(dir.resolve("python.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the Python session did not finish");
        assertEquals(0, p.exitValue(), out + Files.readString(dir.resolve("python.err")));
        JsonObject summary = JsonParser.parseString(out.strip()).getAsJsonObject();
        assertEquals("2025-11-25", summary.get("protocol").getAsString(), out);
        assertEquals(5, summary.get("tools").getAsInt(), out);
    }

    @Test
    void installConfigPrintsWhatAClientNeeds() throws Exception {
        Process p = new ProcessBuilder(JarCommand.of("mcp", "install-config", "--repo", repo.toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        JsonObject server = JsonParser.parseString(out).getAsJsonObject().getAsJsonObject("mcpServers").getAsJsonObject("mvs-engine");
        String args = server.getAsJsonArray("args").toString();
        assertTrue(args.contains("\"mcp\",\"--repo\",\"" + repo + "\",\"--index-dir\",\"" + repo.resolve(".mvs") + "\""), out);
        assertEquals(repo.toString(), server.get("cwd").getAsString());
        assertTrue(Files.isExecutable(Path.of(server.get("command").getAsString())), out);
    }

}
