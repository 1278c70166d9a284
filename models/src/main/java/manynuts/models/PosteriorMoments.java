package manynuts.models;

/** The posterior mean and standard deviation of one named quantity, e.g. {@code theta[1]}. */
public record PosteriorMoments(String name, double mean, double sd) {
}
