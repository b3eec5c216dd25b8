package dev.mvs.bench.e2e;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNG plots of a run (JFreeChart, headless). Returns the file names written. */
final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private Plots() {}

    static List<String> write(Results results, List<String> engines, Path dir, String subtitle) throws IOException {
        List<String> files = new ArrayList<>();
        XYSeriesCollection curves = new XYSeriesCollection();
        for (String engine : engines) {
            XYSeries s = new XYSeries(engine, true, true); // by recall: the sweep mixes refine factors
            for (Results.CurvePoint p : results.curve(engine)) {
                s.add(p.recall(), p.p50Ms());
            }
            curves.addSeries(s);
        }
        JFreeChart curve = ChartFactory.createXYLineChart("Vector search: median latency vs recall@10 (" + subtitle + ")", "recall@10 (vs exact)",
                "p50 latency per query, ms (log)", curves, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = curve.getXYPlot();
        plot.setRangeAxis(new LogarithmicAxis("p50 latency per query, ms (log)"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        save(curve, dir, "latency-recall.png", files);

        DefaultCategoryDataset ingest = new DefaultCategoryDataset();
        DefaultCategoryDataset build = new DefaultCategoryDataset();
        for (String engine : engines) {
            Results.Spread rows = results.spread("vectors/" + engine, "ingest_rows_per_s");
            ingest.addValue(rows.min(), "min", engine);
            ingest.addValue(rows.median(), "median", engine);
            ingest.addValue(rows.max(), "max", engine);
            Results.Spread ms = results.spread("vectors/" + engine, "ingest_and_build_ms");
            build.addValue(ms.min() / 1000, "min", engine);
            build.addValue(ms.median() / 1000, "median", engine);
            build.addValue(ms.max() / 1000, "max", engine);
        }
        save(white(ChartFactory.createBarChart("Ingest throughput, same vectors (" + subtitle + ")", "engine", "rows/s (higher is better)", ingest)),
                dir, "ingest.png", files);
        save(white(ChartFactory.createBarChart("Ingest + vector index build (" + subtitle + ")", "engine", "seconds (lower is better)", build)),
                dir, "index-build.png", files);
        return files;
    }

    private static JFreeChart white(JFreeChart chart) {
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    private static void save(JFreeChart chart, Path dir, String name, List<String> files) throws IOException {
        ChartUtils.saveChartAsPNG(dir.resolve(name).toFile(), chart, WIDTH, HEIGHT);
        files.add(name);
    }
}
