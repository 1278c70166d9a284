package manynuts.reference;

/**
 * One posterior's line in a reference check: compared with its reference after a run, or not run at all (its program
 * would not compile, its reference would not read, sampling failed) with the reason.
 */
public sealed interface ReferenceRow {

    /** The posterior's name, e.g. {@code eight_schools-eight_schools_noncentered}. */
    String posterior();

    /** Whether the posterior was sampled and passed. */
    boolean passed();

    /**
     * A run compared with the reference.
     *
     * @param seconds            the sampler's wall time, warm-up included
     * @param gradientsPerSecond chain-gradient evaluations per second of that time
     */
    record Compared(ReferenceComparison comparison, int chains, int draws, double seconds,
            double gradientsPerSecond) implements ReferenceRow {

        @Override
        public String posterior() {
            return comparison.posterior();
        }

        @Override
        public boolean passed() {
            return comparison.passed();
        }

        public String worstName() {
            return comparison.worstName();
        }

        /** The worst output's score in combined MCSE units; passing needs at most 5. */
        public double worstScore() {
            return comparison.worstScore();
        }
    }

    /**
     * A posterior that could not be compared.
     *
     * @param reason one line
     */
    record Failed(String posterior, String reason) implements ReferenceRow {

        @Override
        public boolean passed() {
            return false;
        }
    }
}
