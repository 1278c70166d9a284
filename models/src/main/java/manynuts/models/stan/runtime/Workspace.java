package manynuts.models.stan.runtime;

import java.util.Arrays;

/**
 * One thread's scratch memory for a compiled program: the generated subclass adds the arrays of the chain's
 * variables and their adjoints; this class keeps the tapes where the forward sweep saves the values it overwrites
 * (reals) and the loop counts and branches it took (ints), for the reverse sweep to restore in turn.
 */
public abstract class Workspace {
    /** Saved reals. */
    public double[] tape = new double[1024];
    /** Saved ints: overwritten ints, loop bounds and counts, branches taken. */
    public int[] intTape = new int[1024];
    /** The generator of generated quantities' random numbers, reseeded for each draw. */
    public final Rng rng = new Rng(0L);

    /** The real tape, doubled: called when a push finds it full. */
    public final double[] growTape() {
        tape = Arrays.copyOf(tape, tape.length * 2);
        return tape;
    }

    /** The int tape, doubled. */
    public final int[] growIntTape() {
        intTape = Arrays.copyOf(intTape, intTape.length * 2);
        return intTape;
    }
}
