package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.engine.report.Json;
import dev.mvs.engine.report.SearchJson;
import dev.mvs.engine.search.Filters;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.SearchResult;
import dev.mvs.engine.search.Searcher;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engine-cli search}: keyword, semantic or hybrid search of an index. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Searches an index made by `engine-cli index`. Modes: keyword (BM25 over chunk text; works after phase 1), "
                    + "semantic (nearest chunks by embedding, the index's own model), hybrid (reciprocal rank fusion of both). "
                    + "Default: hybrid once the index has embeddings, keyword before (stderr says so). Identical chunks in "
                    + "several files are shown once, with the other places listed.",
            "",
            "JSON (--format json): {\"mode\":M,\"note\":S|null,\"ms\":N,\"results\":[{\"path\",\"start_line\",\"end_line\", "
                    + "\"symbol\",\"kind\",\"score\",\"snippet\",\"also_in\":[\"path:start-end\",...]}]}"})
final class SearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "What to look for: words, an identifier, or a question.")
    String query;

    @Mixin
    IndexDirOption index;

    @Option(names = "--mode", paramLabel = "MODE", description = "hybrid, semantic or keyword (default: hybrid if embedded, else keyword).")
    String mode;

    @Option(names = {"-k"}, paramLabel = "N", description = "Results to return, 1..1000 (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--lang", paramLabel = "LANG", description = "Only files of this language, e.g. java, python.")
    String language;

    @Option(names = "--path", paramLabel = "GLOB", description = "Only paths matching this glob, e.g. 'java.base/**'.")
    String pathGlob;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out paths matching this glob.")
    String excludeGlob;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only chunks of this kind: method, function, class, interface, imports, module, ... (declaration chunks, the default), or lines (line windows); a chunk of merged small declarations matches each of its kinds.")
    String kind;

    @Option(names = "--nprobes", paramLabel = "N", description = "Vector search: IVF partitions to probe (default: 40 %% of the index's partitions for its IVF_RQ index, a third for an IVF_PQ index built before; at least 20).")
    int nprobes = 0;

    @Option(names = "--refine", paramLabel = "F", description = "Vector search: re-rank k*F candidates exactly (default: 2 for an IVF_RQ index, 10 for an IVF_PQ one).")
    int refine = 0;

    @Option(names = "--keyword-weight", paramLabel = "W", description = "Hybrid: weight of the keyword ranking (default: ${DEFAULT-VALUE}).")
    double keywordWeight = 1.0;

    @Option(names = "--semantic-weight", paramLabel = "W", description = "Hybrid: weight of the semantic ranking (default: ${DEFAULT-VALUE}).")
    double semanticWeight = 1.0;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        SearchRequest request = new SearchRequest(query, mode == null ? null : SearchMode.parse(mode), k,
                new Filters(language, pathGlob, excludeGlob, kind), nprobes, refine, keywordWeight, semanticWeight);
        PrintWriter err = spec.commandLine().getErr();
        SearchResult result;
        try (Engine engine = Engine.start(0); Searcher searcher = engine.searcher(index.resolved())) {
            result = searcher.search(request);
        }
        err.println("search: " + result.mode().label() + " mode, " + result.hits().size() + " results in " + result.millis() + " ms"
                + (result.note() == null ? "" : "; " + result.note()));
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json() ? Json.write(SearchJson.of(result)) : text(result, Colours.forTerminal()));
        out.flush();
        return 0;
    }

    static String text(SearchResult r, Colours c) {
        if (r.hits().isEmpty()) {
            return "no results";
        }
        return r.hits().stream().map(h -> String.format(Locale.ROOT, "%s:%s  %s%s%s%n%s", c.path(h.path()), c.lines(h.startLine() + "-" + h.endLine()),
                        c.dim(String.format(Locale.ROOT, "score %.4f", h.score())),
                        h.symbol().isEmpty() ? "" : "  " + h.kind() + " " + c.symbol(h.symbol()),
                        h.alsoIn().isEmpty() ? "" : c.dim("  (same text in " + String.join(", ", h.alsoIn()) + ")"),
                        h.snippet().lines().map(l -> "    " + l).collect(Collectors.joining("\n"))))
                .collect(Collectors.joining("\n\n"));
    }
}
