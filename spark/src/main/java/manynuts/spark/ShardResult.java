package manynuts.spark;

import java.io.Serializable;

/**
 * What one shard's task did: its chains, its draws file (relative to the run's folder), where it ran and what it
 * cost.
 *
 * @param executor   the Spark executor that ran the kept attempt ({@code driver} in local mode)
 * @param attempt    the task attempt whose file was kept, from 0: more than 0 after a retry
 * @param statistics what the task learnt of the shard's draws as they streamed by
 */
public record ShardResult(int index, int firstChain, int chains, String file, String backend, double seconds,
        long gradientEvaluations, String executor, int attempt, ShardStatistics statistics) implements Serializable {
}
