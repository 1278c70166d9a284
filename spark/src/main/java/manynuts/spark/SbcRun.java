package manynuts.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import manynuts.api.PosteriorModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Simulation-based calibration on Spark (Talts et al. 2018): datasets simulated from the prior are dealt to tasks,
 * each sampled with the run's chains; the ranks of the true parameters come back to the driver, which writes
 * ranks.parquet, run.json and report.html with a rank histogram per parameter.
 */
public final class SbcRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SbcRun() {
    }

    /**
     * What an SBC run did, as run.json records it.
     *
     * @param parameters the ranked parameters: the model's outputs the generator draws too
     * @param maxRank    draws per dataset (chains x draws): ranks run from 0 to it
     * @param pValues    each parameter's chi-square test of uniform ranks over the report's bins
     */
    public record Manifest(String model, String generator, RunSettings settings, int datasets,
            List<String> parameters, int maxRank, int bins, Map<String, Double> pValues, long divergences,
            double seconds) {
    }

    /**
     * Runs the calibration and writes its folder at {@code output}.
     *
     * @param model    the fitted model with the data every dataset shares
     * @param settings the sampler settings of each dataset's fit; the seed also seeds the simulations
     * @throws IllegalArgumentException for a model, generator, setting or output that cannot be used
     */
    public static Manifest run(JavaSparkContext spark, ModelSource model, ModelSource generator,
            RunSettings settings, int datasets, int shards, int bins, String output, String backend)
            throws IOException {
        if (datasets < 1) {
            throw new IllegalArgumentException("--datasets must be at least 1, got " + datasets);
        }
        if (bins < 2) {
            throw new IllegalArgumentException("--bins must be at least 2, got " + bins);
        }
        // The first dataset, simulated and fitted on the driver's terms, names the ranked parameters and checks
        // the settings before any task starts.
        PriorSimulation simulation = new PriorSimulation(generator, model.data(), settings.seed());
        PosteriorModel first = model.withData(simulation.data(simulation.simulate(0), simulation.knownTruths()))
                .load();
        List<String> parameters = new ArrayList<>(first.outputNames());
        parameters.retainAll(simulation.outputs());
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(simulation.name() + " draws none of the model's "
                    + "outputs " + first.outputNames() + ": name its true parameters as the model does");
        }
        settings.sampler(first, 1, backend);
        List<Shard> parts = Shard.split(datasets, shards, 1);
        Configuration conf = spark.hadoopConfiguration();
        Path folder = new Path(output);
        FileSystem fs = folder.getFileSystem(conf);
        if (fs.exists(folder) && fs.listStatus(folder).length > 0) {
            throw new IllegalArgumentException(output + " exists and is not empty: give a new folder to -o");
        }
        SbcTask task = new SbcTask(model, generator, settings, parameters, backend);
        long start = System.nanoTime();
        List<SbcRanks> ranks = new ArrayList<>();
        for (List<SbcRanks> part : spark.parallelize(parts, parts.size()).map(task).collect()) {
            ranks.addAll(part);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ranks.sort(Comparator.comparingInt(SbcRanks::dataset));

        int maxRank = settings.chains() * settings.draws();
        List<RankHistogram> histograms = new ArrayList<>();
        Map<String, Double> pValues = new java.util.LinkedHashMap<>();
        for (int p = 0; p < parameters.size(); p++) {
            int[] column = new int[ranks.size()];
            for (int d = 0; d < column.length; d++) {
                column[d] = ranks.get(d).ranks()[p];
            }
            RankHistogram histogram = new RankHistogram(parameters.get(p), column, maxRank, bins);
            histograms.add(histogram);
            pValues.put(parameters.get(p), histogram.pValue());
        }
        long divergences = ranks.stream().mapToLong(SbcRanks::divergences).sum();
        Manifest manifest = new Manifest(model.name(), simulation.name(), settings, datasets, parameters, maxRank,
                bins, pValues, divergences, seconds);
        writeRanks(new Path(folder, "ranks.parquet"), conf, parameters, ranks);
        try (OutputStream out = fs.create(new Path(folder, RunManifest.FILE), true)) {
            JSON.writeValue(out, manifest);
        }
        try (OutputStream out = fs.create(new Path(folder, "report.html"), true)) {
            out.write(report(manifest, histograms).getBytes(StandardCharsets.UTF_8));
        }
        return manifest;
    }

    /** One row per dataset: {@code dataset} (from 1), {@code divergences}, then each parameter's rank. */
    private static void writeRanks(Path file, Configuration conf, List<String> parameters, List<SbcRanks> ranks)
            throws IOException {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        builder.required(PrimitiveTypeName.INT32).named("dataset");
        builder.required(PrimitiveTypeName.INT64).named("divergences");
        for (String parameter : parameters) {
            builder.required(PrimitiveTypeName.INT32).named(parameter);
        }
        MessageType schema = builder.named("ranks");
        SimpleGroupFactory rows = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
                .withConf(conf).withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
            for (SbcRanks dataset : ranks) {
                Group row = rows.newGroup().append("dataset", dataset.dataset() + 1)
                        .append("divergences", dataset.divergences());
                for (int p = 0; p < parameters.size(); p++) {
                    row.append(parameters.get(p), dataset.ranks()[p]);
                }
                writer.write(row);
            }
        }
    }

    private static String report(Manifest manifest, List<RankHistogram> histograms) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>SBC: ")
                .append(escape(manifest.model())).append("</title></head><body>\n");
        html.append("<h1>Simulation-based calibration of ").append(escape(manifest.model())).append("</h1>\n");
        html.append(String.format(Locale.ROOT, "<p>%d datasets drawn by %s, each sampled with %d chains of %d draws "
                + "(thin %d, %d warm-up): ranks from 0 to %d, in %d bins. Uniform ranks are what a calibrated sampler "
                + "gives (Talts et al. 2018); the grey band holds a bin's count with 99 %% probability under "
                + "uniformity, the line is the count expected. %d divergent transitions over all datasets.</p>\n",
                manifest.datasets(), escape(manifest.generator()), manifest.settings().chains(),
                manifest.settings().draws(), manifest.settings().thin(), manifest.settings().warmup(),
                manifest.maxRank(), manifest.bins(), manifest.divergences()));
        for (RankHistogram histogram : histograms) {
            html.append("<div>").append(histogram.svg(520, 300)).append("</div>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
