package dev.mvs.mcp;

import dev.mvs.engine.error.EngineException;
import dev.mvs.engine.report.Json;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * Tool answers: structured JSON (written by the engine's JSON, so the CLI and the server agree) with a
 * short text form; and every failure as a tool error the agent reads ({@code isError: true}), never an
 * exception that would end the call as a protocol error. The server keeps running either way.
 */
final class ToolResults {

    /** A tool's work: its JSON and its text. */
    interface Work {
        CallToolResult run() throws IOException, InterruptedException;
    }

    private final McpJsonMapper mapper;
    private final PrintStream log;
    private int running;

    ToolResults(McpJsonMapper mapper, PrintStream log) {
        this.mapper = mapper;
        this.log = log;
    }

    CallToolResult ok(Map<String, Object> json, String text) {
        return CallToolResult.builder().addTextContent(text).structuredContent(mapper, Json.write(json)).build();
    }

    static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    /** Runs {@code work}; what it throws becomes a tool error (the engine's own messages say how to go on). */
    CallToolResult guard(String tool, Work work) {
        synchronized (this) {
            running++;
        }
        try {
            return work.run();
        } catch (EngineException e) {
            return error(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(tool + " was interrupted");
        } catch (IOException | RuntimeException e) {
            log.println("mcp: " + tool + " failed: " + e);
            return error(tool + " failed: " + e.getMessage() + " (the server keeps running; engine-cli verify checks the index)");
        } finally {
            synchronized (this) {
                running--;
                notifyAll();
            }
        }
    }

    /** Waits for the tool calls still running (the client left during a reindex: the run finishes and commits). */
    synchronized void awaitIdle() throws InterruptedException {
        while (running > 0) {
            wait();
        }
    }
}
