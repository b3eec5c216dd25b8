package dev.mvs.spark;

import dev.mvs.engine.Engine;
import dev.mvs.engine.IndexRequest;
import dev.mvs.engine.index.IndexProgress;
import dev.mvs.engine.index.IndexReport;
import dev.mvs.engine.report.IndexReportJson;
import dev.mvs.engine.report.Json;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code engine-cli index} with phase 2 on Spark executors: the main class for {@code spark-submit} (docs/distributed.md).
 * Phase 1, reuse, the commit and maintenance run here, on the driver; executors embed. Exit codes as engine-cli's:
 * 0 done, 1 failed, 2 bad usage.
 */
@Command(name = "mvs-spark-index", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Indexes a repository as `engine-cli index` does, with the embedding (phase 2) run by Spark executors. "
                + "The index directory must be on storage the driver and every executor see at the same path. "
                + "The report is printed as JSON on stdout; progress goes to stderr."})
public final class SparkIndex implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "Repository to index (on the driver).")
    Path repo;

    @Option(names = "--index-dir", paramLabel = "DIR", description = "Where the index goes (default: PATH/.mvs); shared with the executors.")
    Path indexDir;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2]; default: what spark-submit set.")
    String master;

    @Option(names = "--rebuild", description = "Build a new index beside the current one and switch to it when complete.")
    boolean rebuild;

    @Option(names = "--chunker", paramLabel = "KIND", description = "syntax or lines (default for a new index: syntax).")
    String chunker;

    @Option(names = "--model", paramLabel = "MODEL", description = "As engine-cli index --model (default for a new index: all-minilm-l6-v2-q).")
    String model;

    @Option(names = "--embed", paramLabel = "WHAT", description = "text or header (default for a new index: text).")
    String embedded;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Where the model truncates chunks (default for a new index: 256).")
    Integer maxTokens;

    @Option(names = "--threads", paramLabel = "N", description = "Native threads of the driver; 0 = one per CPU (default: ${DEFAULT-VALUE}). "
            + "An executor's engine runs spark.task.cpus threads per task.")
    int threads = 0;

    @Option(names = "--wait", paramLabel = "SECONDS", description = "Wait this long for another writer of the index (default: fail at once).")
    long waitSeconds = 0;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkIndex()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (threads < 0 || waitSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--threads and --wait must be >= 0");
        }
        Path root = repo.toAbsolutePath().normalize();
        IndexRequest request = new IndexRequest(root, indexDir != null ? indexDir.toAbsolutePath() : root.resolve(".mvs"), model, chunker,
                maxTokens, rebuild, false, Duration.ofSeconds(waitSeconds), embedded);
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.app.name")) { // spark-submit --name wins
            conf.setAppName("mvs-engine index " + root.getFileName());
        }
        if (master != null) {
            conf.setMaster(master);
        }
        PrintWriter err = spec.commandLine().getErr();
        IndexProgress progress = new IndexProgress() {
            @Override
            public void message(String text) {
                err.println(text);
                err.flush();
            }
        };
        IndexReport report;
        try (JavaSparkContext context = new JavaSparkContext(conf); Engine engine = Engine.start(threads)) {
            report = engine.index(request, progress, new SparkDistributor(context));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.write(IndexReportJson.of(report)));
        out.flush();
        return 0;
    }
}
