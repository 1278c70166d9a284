package manynuts.diagnostics.draws;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.stream.IntStream;

/**
 * One parameter's chains cut into parts, each a run of whole consecutive chains, over which a summary makes its
 * passes: a pass computes something small from each part, perhaps on another thread or machine, and the caller
 * merges the parts' results. Only a part's draws need be in one place, and only while its pass runs.
 */
public interface ChainParts {

    /** Chains and draws per chain of the whole parameter. */
    DrawsShape shape();

    /** The pass's result for every part, in the order of the parts' chains. */
    <P> List<P> run(Pass<P> pass);

    /**
     * The parts' results merged by {@code merge}, which must give the same result in any order and grouping (counts,
     * extremes, concatenations sorted afterwards), so that an implementation may merge where the results are, or
     * pass over several parts at once.
     */
    default <P> P reduce(Pass<P> pass, Merge<P> merge) {
        List<P> parts = run(pass);
        P merged = parts.get(0);
        for (int part = 1; part < parts.size(); part++) {
            merged = merge.apply(merged, parts.get(part));
        }
        return merged;
    }

    /** Merges two parts' results; serializable, for when it runs elsewhere. */
    @FunctionalInterface
    interface Merge<P> extends BinaryOperator<P>, Serializable {
    }

    /** What a pass computes from one part; serializable, with all it needs, for when it runs elsewhere. */
    @FunctionalInterface
    interface Pass<P> extends Serializable {
        /**
         * @param draws the part's chains as [chain][draw], {@code draws[c]} being chain {@code firstChain + c} of
         *              the whole parameter; not modified
         */
        P over(double[][] draws, int firstChain);
    }

    /**
     * A parameter in memory, cut into {@code parts} runs of chains of about equal size (fewer if there are fewer
     * chains); with more than one part, passes run on the common fork-join pool.
     */
    static ChainParts inMemory(double[][] draws, int parts) {
        DrawsShape shape = DrawsShape.of(draws);
        int count = Math.max(1, Math.min(parts, shape.chains()));
        return new ChainParts() {
            @Override
            public DrawsShape shape() {
                return shape;
            }

            @Override
            public <P> List<P> run(Pass<P> pass) {
                if (count == 1) {
                    return List.of(pass.over(draws, 0));
                }
                Object[] results = new Object[count];
                IntStream.range(0, count).parallel().forEach(part -> {
                    int first = shape.chains() * part / count;
                    int end = shape.chains() * (part + 1) / count;
                    results[part] = pass.over(Arrays.copyOfRange(draws, first, end), first);
                });
                @SuppressWarnings("unchecked")
                List<P> list = (List<P>) Arrays.asList(results);
                return list;
            }

            /** One pass over all the chains, on this thread: a merge that ignores grouping needs no parts. */
            @Override
            public <P> P reduce(Pass<P> pass, Merge<P> merge) {
                return pass.over(draws, 0);
            }
        };
    }
}
