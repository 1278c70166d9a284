package manynuts.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import manynuts.diagnostics.draws.SamplerColumns;
import manynuts.diagnostics.stats.NestedRhat;
import manynuts.diagnostics.stats.SamplerDiagnostics;
import manynuts.diagnostics.summary.DiagnosticsWorkspace;
import manynuts.diagnostics.summary.ParameterSummary;
import manynuts.diagnostics.summary.Summaries;
import manynuts.diagnostics.summary.SummaryOptions;
import manynuts.output.RunSummary;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The summary of a sharded run computed over its shards by binned ranks, the host's summary with memory in
 * proportion to the chains ({@link DiagnosticsWorkspace#summariseBinned}): every pass over a column is a Spark job
 * whose tasks each hold one shard's column, and the driver holds what grows with the chains and the bins, never a
 * column of every draw. The sampler's diagnostics come from a job whose tasks each read their shard's four sampler
 * columns. A column with an infinite draw, which binned ranks cannot take, is gathered and ranked exactly.
 */
final class DistributedSummary {

    private DistributedSummary() {
    }

    /**
     * Whether the summary of a run of this size should be distributed: when ranking one column of every chain
     * exactly on the driver (the column and the exact summary's working memory, about 48 bytes a draw) would take
     * more than a quarter of the driver's free heap.
     */
    static boolean needed(RunManifest manifest) {
        Runtime heap = Runtime.getRuntime();
        long headroom = heap.maxMemory() - (heap.totalMemory() - heap.freeMemory());
        long gathered = Summaries.leastWorkingBytes(manifest.settings().chains(), manifest.settings().draws(), true,
                SummaryOptions.Ranks.EXACT);
        return gathered > headroom / 4;
    }

    static RunSummary of(JavaSparkContext spark, String run, RunManifest manifest, Configuration conf,
            SummaryOptions options) {
        Map<String, String> hadoop = ShardedRun.hadoopSettings(spark.getConf());
        ShardedDraws gathered = new ShardedDraws(new Path(run), manifest, conf);
        DiagnosticsWorkspace workspace = new DiagnosticsWorkspace();
        List<ParameterSummary> parameters = new ArrayList<>();
        for (String column : manifest.columns().subList(0, manifest.outputCount())) {
            parameters.add(row(spark, run, manifest, hadoop, gathered, workspace, column, options));
        }
        List<ParameterSummary> samplerRows = new ArrayList<>();
        for (String column : RunSummary.SAMPLER_ROWS) {
            samplerRows.add(row(spark, run, manifest, hadoop, gathered, workspace, column, options));
        }
        int maxDepth = manifest.settings().maxDepth();
        int draws = manifest.settings().draws();
        List<SamplerDiagnostics> shards = spark.parallelize(manifest.shards(), manifest.shards().size())
                .map(shard -> samplerDiagnostics(run, shard, draws, hadoop, maxDepth))
                .collect();
        return RunSummary.of(Summaries.asStansummary(samplerRows), parameters, SamplerDiagnostics.concatenate(shards),
                options, (long) manifest.settings().chains() * manifest.settings().draws());
    }

    /** One column's row, by binned ranks over the shards; exactly, from the column gathered, if it must be. */
    private static ParameterSummary row(JavaSparkContext spark, String run, RunManifest manifest,
            Map<String, String> hadoop, ShardedDraws gathered, DiagnosticsWorkspace workspace, String column,
            SummaryOptions options) {
        try (ShardColumnParts parts = new ShardColumnParts(spark, run, manifest, hadoop, column)) {
            ParameterSummary row = workspace.summariseBinned(column, parts, options.hdiProbability());
            if (row == null) {
                return Summaries.summarise(column, gathered.column(column),
                        options.withRanks(SummaryOptions.Ranks.EXACT));
            }
            return options.superchainSize() > 0
                    ? row.withNestedRhat(NestedRhat.of(parts, options.superchainSize())) : row;
        }
    }

    /** A shard's sampler diagnostics, from its four sampler columns. */
    private static SamplerDiagnostics samplerDiagnostics(String run, ShardResult shard, int draws,
            Map<String, String> hadoop, int maxDepth) {
        Configuration conf = ShardTask.configuration(hadoop);
        double[][][] columns = new double[4][][];
        String[] names = {"divergent__", "treedepth__", "energy__", "stepsize__"};
        try {
            for (int c = 0; c < names.length; c++) {
                columns[c] = new double[shard.chains()][draws];
                DrawsParquet.readColumn(new Path(run, shard.file()), conf, names[c], shard.firstChain(), columns[c]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SamplerDiagnostics.of(new SamplerColumns(columns[0], columns[1], columns[2], columns[3]), maxDepth);
    }
}
