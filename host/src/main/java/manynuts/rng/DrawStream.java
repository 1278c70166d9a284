package manynuts.rng;

import manynuts.models.UniformStream;

/**
 * The uniform stream of one chain's draw for its generated quantities: uniform {@code k} is Philox of (k, chain,
 * the draw's event), so it is the same whatever thread or backend made the draw. Reset for each draw; one per
 * thread.
 */
public final class DrawStream implements UniformStream {
    private final RandomStreams streams;
    private int chain;
    private long event;
    private int next;

    public DrawStream(long seed) {
        this.streams = new RandomStreams(seed);
    }

    /** Starts the stream of draw {@code draw} of chain {@code chain}. */
    public DrawStream reset(int chain, long draw) {
        this.chain = chain;
        this.event = RandomStreams.generatedEvent(draw);
        this.next = 0;
        return this;
    }

    /** The same draw's stream from its start again (for a second consumer of the same draw). */
    public DrawStream restart() {
        this.next = 0;
        return this;
    }

    @Override
    public double nextUniform() {
        return streams.uniform(event, chain, next++);
    }
}
