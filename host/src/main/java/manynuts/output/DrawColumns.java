package manynuts.output;

import java.util.List;

/** A run's draws by column ({@code [chain][draw]}): the model's outputs first, then Stan's sampler stats. */
public interface DrawColumns {

    List<String> columns();

    /** Number of leading columns that are model outputs rather than sampler stats. */
    int outputCount();

    int chains();

    int draws();

    double[][] column(int index);

    default double[][] column(String name) {
        int index = columns().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name + " among " + columns());
        }
        return column(index);
    }
}
