/**
 * The library interface: sample a model from another JVM program, without the command line.
 *
 * <p>Pick a model ({@link manynuts.api.PosteriorModel}: a built-in one by name, or a Stan program with its data),
 * set up a sampler ({@link manynuts.api.NutsSampler#builder}), then either collect every draw in memory
 * ({@link manynuts.api.NutsSampler#collect}, giving {@link manynuts.api.Draws} and their
 * {@link manynuts.api.Summary}) or receive each draw as it is made ({@link manynuts.api.NutsSampler#stream}):
 *
 * <pre>{@code
 * PosteriorModel model = PosteriorModel.builtIn("eight_schools_noncentered");
 * Draws draws = NutsSampler.builder(model).chains(4).seed(1).build().collect();
 * Summary summary = draws.summary();
 * System.out.println(summary.row("tau").mean() + " +/- " + summary.row("tau").mcseMean());
 * }</pre>
 *
 * <p>Everything the command line's {@code sample} does happens here too (adaptation, the CPU or CUDA backends,
 * the same draws for the same seed and settings), except writing a run directory. Types outside this package are
 * the implementation and may change between versions; this package is the part meant to stay.
 */
package manynuts.api;
