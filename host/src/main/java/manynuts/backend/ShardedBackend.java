package manynuts.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import manynuts.models.Model;

/**
 * Chains sharded across several backends (the visible GPUs of a host): blocks are sized so that each shard gets an
 * equal share of the chains, and each new block goes to the next shard in turn. Blocks on different shards run on
 * different sampler threads, so the devices work side by side.
 */
public final class ShardedBackend implements Backend {
    private final List<Backend> shards;
    private int next;
    private boolean closed;

    /** Takes ownership of {@code shards}: closing this backend closes them. */
    public ShardedBackend(List<? extends Backend> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("a sharded backend needs at least one shard");
        }
        this.shards = List.copyOf(shards);
    }

    /** The shards, in the order blocks are dealt to them. */
    public List<Backend> shards() {
        return shards;
    }

    @Override
    public String name() {
        List<String> names = new ArrayList<>();
        for (Backend shard : shards) {
            names.add(shard.name());
        }
        return String.join(" + ", names);
    }

    @Override
    public void setTreeBuilding(TreeBuilding where) {
        for (Backend shard : shards) {
            shard.setTreeBuilding(where);
        }
    }

    /** The first device's, which all share: they are set together and hold the same model. */
    @Override
    public TreeBuilding treeBuilding(Model model) {
        return shards.get(0).treeBuilding(model);
    }

    /** Each device's choice, once where they agree. */
    @Override
    public Optional<String> matrixProducts(Model model) {
        List<String> choices = new ArrayList<>();
        for (Backend shard : shards) {
            shard.matrixProducts(model).filter(choice -> !choices.contains(choice)).ifPresent(choices::add);
        }
        return choices.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", choices));
    }

    /**
     * Deals the block to the next shard in turn, starting again at the first shard with the block of chain 0: the
     * sampler allocates a run's blocks in chain order, so each run's deal is the same whatever ran before.
     */
    @Override
    public synchronized ChainBlock allocate(Model model, int firstChain, int chains, int maxDepth, long seed) {
        if (firstChain == 0) {
            next = 0;
        }
        Backend shard = shards.get(next);
        ChainBlock block = shard.allocate(model, firstChain, chains, maxDepth, seed);
        next = (next + 1) % shards.size();
        return block;
    }

    /** Each chain lives on one shard: as much as on the shard whose chains take the most. */
    @Override
    public long heapBytesPerChain(Model model, int maxDepth) {
        long most = 0;
        for (Backend shard : shards) {
            most = Math.max(most, shard.heapBytesPerChain(model, maxDepth));
        }
        return most;
    }

    /** Each shard holds its deal of the chains: blocks of {@link #preferredBlockSize} in turn. */
    @Override
    public void checkCapacity(Model model, int chains, int maxDepth) {
        int block = preferredBlockSize(chains);
        long[] dealt = new long[shards.size()];
        for (long first = 0, b = 0; first < chains; first += block, b++) {
            dealt[(int) (b % shards.size())] += Math.min(block, chains - first);
        }
        for (int s = 0; s < shards.size(); s++) {
            shards.get(s).checkCapacity(model, (int) dealt[s], maxDepth);
        }
    }

    /** An equal share of the chains per shard, within what every shard takes in one block. */
    @Override
    public int preferredBlockSize(int totalChains) {
        int share = (int) ((totalChains + (long) shards.size() - 1) / shards.size());
        int size = share;
        for (Backend shard : shards) {
            size = Math.min(size, shard.preferredBlockSize(share));
        }
        return Math.max(1, size);
    }

    @Override
    public int parallelism() {
        int total = 0;
        for (Backend shard : shards) {
            total += shard.parallelism();
        }
        return total;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (Backend shard : shards) {
            try {
                shard.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
