package manynuts.models.stan.runtime;

/**
 * The data a compiled program reads in its constructor, variable by variable, each checked against the sizes its
 * declaration gives; every problem is one line naming the variable.
 */
public interface DataSource {

    int readInt(String name);

    double readReal(String name);

    /** Row-major values of an int container with the given sizes. */
    int[] readInts(String name, int[] dims);

    /** Row-major values of a real container with the given sizes (ints are accepted as reals). */
    double[] readReals(String name, int[] dims);

    /** Fails with one line naming the data source: data that break their declared constraints. */
    RuntimeException invalid(String message);
}
