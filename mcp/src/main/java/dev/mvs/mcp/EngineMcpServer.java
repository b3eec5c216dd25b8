package dev.mvs.mcp;

import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.watch.RepositoryWatch;
import dev.mvs.engine.watch.StopOnSignal;
import dev.mvs.engine.watch.WatchListener;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The MCP server over one index (docs/mcp.md): the tools search_code, find_similar, read_chunk,
 * index_status and reindex, on the SDK's stdio transport, until the client ends the session. The
 * protocol alone goes to {@code out}; diagnostics go to {@code log}.
 */
public final class EngineMcpServer {

    /**
     * @param repository the working tree the index is of (reindex reads it; paths are relative to it)
     * @param indexDir   the index
     * @param version    what serverInfo reports
     * @param watch      keep the index in step with the working tree while serving (engine-cli watch, in this process)
     */
    public record Options(Path repository, Path indexDir, String version, boolean watch) {}

    static final String INSTRUCTIONS = "Code search over this repository's index. search_code finds declarations and lines by words, "
            + "identifiers or meaning; read_chunk reads a result's lines; find_similar finds code like a given declaration or file; "
            + "index_status tells how complete the index is; reindex brings it up to date after files changed.";

    /** A watch run queues behind another writer (a CLI run) for as long as it takes. */
    static final Duration WATCH_LOCK_WAIT = Duration.ofDays(1);

    private EngineMcpServer() {}

    /** Serves one client session on {@code in}/{@code out}; returns when the client has gone and running calls are done. */
    public static void serve(Options options, InputStream in, OutputStream out, PrintStream log) throws Exception {
        McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
        try (Engine engine = Engine.start(0); IndexSession session = new IndexSession(engine, options.repository(), options.indexDir())) {
            SessionEndSignal transport = new SessionEndSignal(new StdioServerTransportProvider(mapper, in, out));
            ToolResults results = new ToolResults(mapper, log);
            RepositoryPaths paths = new RepositoryPaths(options.repository());
            McpSyncServer server = McpServer.sync(transport)
                    .serverInfo("mvs-engine", options.version())
                    .instructions(INSTRUCTIONS)
                    .jsonMapper(mapper)
                    .capabilities(ServerCapabilities.builder().tools(false).build())
                    .tools(SearchCodeTool.spec(session, results, mapper),
                            FindSimilarTool.spec(session, paths, results, mapper),
                            ReadChunkTool.spec(session, paths, results, mapper),
                            IndexStatusTool.spec(session, results, mapper),
                            ReindexTool.spec(session, results, mapper, log))
                    .build();
            log.println("mcp: serving " + session.indexDir() + " (repository " + session.repository() + ") on stdio"
                    + (options.watch() ? ", watching it for changes" : ""));
            AutoCloseable watch = options.watch() ? startWatch(engine, options, log) : () -> {};
            // Calls in flight and the watch's run finish before the process ends, also on SIGTERM (SDK clients send it).
            try (StopOnSignal stop = StopOnSignal.install(() -> {
                results.awaitIdle();
                watch.close();
            }, log)) {
                transport.awaitEnd();
                log.println("mcp: the client ended the session");
            }
            server.closeGracefully();
        }
    }

    private static AutoCloseable startWatch(Engine engine, Options options, PrintStream log) throws IOException {
        IndexRequest request = IndexRequest.of(options.repository(), options.indexDir()).withLockWait(WATCH_LOCK_WAIT);
        return engine.watch(request, RepositoryWatch.DEFAULT_QUIET, IndexProgress.NONE, new WatchListener() {
            @Override
            public void indexed(IndexReport r, long latencyMillis) {
                log.printf(Locale.ROOT, "mcp: watch: indexed %,d changed, %,d removed files in %,d ms%s%n", r.sync().changedFiles(),
                        r.sync().deletedFiles(), r.millis(), latencyMillis < 0 ? " (the run at start)"
                                : String.format(Locale.ROOT, " (searchable %,d ms after the change)", latencyMillis));
            }

            @Override
            public void failed(Exception e) {
                log.println("mcp: watch: the run failed, the watch goes on: " + e.getMessage());
            }
        });
    }
}
