package manynuts.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One task's part of a run: chains {@code firstChain} to {@code firstChain + chains - 1} (0-based, of the whole run).
 *
 * @param index the shard's number, from 0
 */
public record Shard(int index, int firstChain, int chains) implements Serializable {

    /**
     * The run's chains dealt into {@code shards} consecutive ranges of whole superchains, sizes differing by at most
     * one superchain.
     *
     * @throws IllegalArgumentException if there are more shards than superchains
     */
    public static List<Shard> split(int chains, int shards, int superchainSize) {
        if (shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1, got " + shards);
        }
        int superchains = chains / superchainSize;
        if (shards > superchains) {
            throw new IllegalArgumentException("--shards " + shards + " is more than the " + superchains
                    + (superchainSize > 1 ? " superchains" : " chains") + " to share out");
        }
        List<Shard> list = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            long from = (long) superchains * i / shards;
            long to = (long) superchains * (i + 1) / shards;
            list.add(new Shard(i, (int) from * superchainSize, (int) (to - from) * superchainSize));
        }
        return list;
    }

    /** The shard's draws file, relative to the run's folder. */
    public String file() {
        return String.format(Locale.ROOT, "draws/shard-%05d.parquet", index);
    }
}
