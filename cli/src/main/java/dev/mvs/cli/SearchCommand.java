package dev.mvs.cli;

import dev.mvs.engine.search.IndexMissingException;
import dev.mvs.engine.search.KeywordSearch;
import dev.mvs.engine.search.SearchHit;
import dev.mvs.ffi.NativeRuntime;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine-cli search}: keyword (BM25) search of an index. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Searches an index made by `engine-cli index`. Today: keyword mode (BM25 over chunk text);",
            "semantic and hybrid modes need embeddings (phase 2), which are not implemented yet."})
final class SearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "Words to look for.")
    String query;

    @Option(names = "--index-dir", paramLabel = "DIR", description = "The index (default: ./.mvs).")
    Path indexDir = Path.of(".mvs");

    @Option(names = "--mode", paramLabel = "MODE", description = "keyword (the only mode until embeddings exist; default: ${DEFAULT-VALUE}).")
    String mode = "keyword";

    @Option(names = {"-k"}, paramLabel = "N", description = "Results to return (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--lang", paramLabel = "LANG", description = "Only files of this language, e.g. java, python.")
    String language;

    @Option(names = "--path", paramLabel = "GLOB", description = "Only paths matching this glob, e.g. 'java.base/**'.")
    String pathGlob;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out paths matching this glob.")
    String excludeGlob;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (!mode.equals("keyword")) {
            throw new IllegalArgumentException("--mode " + mode + " needs embeddings (phase 2), which are not implemented yet; use --mode keyword");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<SearchHit> hits;
        try (NativeRuntime runtime = NativeRuntime.create(0)) {
            hits = new KeywordSearch(runtime, indexDir.toAbsolutePath().normalize())
                    .search(query, k, new KeywordSearch.Filters(language, pathGlob, excludeGlob));
        } catch (IndexMissingException e) {
            err.println("engine-cli: " + e.getMessage());
            return EngineCli.INDEX_UNAVAILABLE;
        }
        err.println("search: keyword mode (phase 1 index)");
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json() ? json(hits) : text(hits));
        out.flush();
        return 0;
    }

    private static String text(List<SearchHit> hits) {
        if (hits.isEmpty()) {
            return "no results";
        }
        return hits.stream().map(h -> String.format(Locale.ROOT, "%s:%d-%d  score %.2f%s%n%s%n", h.path(), h.startLine(), h.endLine(),
                        h.score(), h.symbol().isEmpty() ? "" : "  " + h.kind() + " " + h.symbol(),
                        h.snippet().lines().map(l -> "    " + l).collect(Collectors.joining("\n"))))
                .collect(Collectors.joining("\n"));
    }

    /** The schema: {"results":[{"path","start_line","end_line","symbol","kind","score","snippet"}]}. */
    private static String json(List<SearchHit> hits) {
        return hits.stream().map(h -> String.format(Locale.ROOT,
                        "{\"path\":%s,\"start_line\":%d,\"end_line\":%d,\"symbol\":%s,\"kind\":%s,\"score\":%.6f,\"snippet\":%s}",
                        Json.quote(h.path()), h.startLine(), h.endLine(), Json.quote(h.symbol()), Json.quote(h.kind()), h.score(),
                        Json.quote(h.snippet())))
                .collect(Collectors.joining(",", "{\"mode\":\"keyword\",\"results\":[", "]}"));
    }
}
