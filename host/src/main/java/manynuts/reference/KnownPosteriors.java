package manynuts.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import manynuts.models.HierarchicalNormalData;
import manynuts.models.HierarchicalNormalExact;
import manynuts.models.PosteriorMoments;

/**
 * Posterior means known without sampling for some posteriordb programs without reference draws, computed from each
 * program's own data: the Rate programs (Lee and Wagenmakers, ch. 3) are binomial likelihoods under Beta(1, 1)
 * priors, so each rate's posterior is Beta(1 + k, 1 + n - k) and predictive counts have mean n E[theta]; centered
 * eight schools has the priors of the built-in model, whose posterior {@code exact} computes by quadrature.
 */
public final class KnownPosteriors {

    /** The exact posterior means of some of a program's outputs and where they come from. */
    public record Known(List<PosteriorMoments> means, String source) {
        public Known {
            means = List.copyOf(means);
        }
    }

    private KnownPosteriors() {
    }

    /**
     * The known posterior of the program in {@code folder} (named as posteriordb names it), from its data.json; empty
     * for a program with no outside answer.
     *
     * @throws ReferenceInputException when the data of a known program cannot be read
     */
    public static Optional<Known> of(Path folder) {
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        Path dataFile = folder.resolve("data.json");
        switch (name) {
            case "Rate_1_data-Rate_1_model": {
                JsonNode data = read(dataFile);
                return Optional.of(beta(List.of(rate("theta", data, "k", "n")), List.of()));
            }
            case "Rate_2_data-Rate_2_model": {
                JsonNode data = read(dataFile);
                Rate first = rate("theta1", data, "k1", "n1");
                Rate second = rate("theta2", data, "k2", "n2");
                return Optional.of(beta(List.of(first, second),
                        List.of(new PosteriorMoments("delta", first.mean() - second.mean(), Double.NaN))));
            }
            case "Rate_3_data-Rate_3_model":
                return Optional.of(beta(List.of(rate("theta", read(dataFile), "k1", "n1", "k2", "n2")), List.of()));
            case "Rate_4_data-Rate_4_model": {
                JsonNode data = read(dataFile);
                Rate theta = rate("theta", data, "k", "n");
                Rate prior = new Rate("thetaprior", 1, 1);
                int n = integer(data, "n");
                return Optional.of(beta(List.of(theta, prior), List.of(
                        new PosteriorMoments("postpredk", n * theta.mean(), Double.NaN),
                        new PosteriorMoments("priorpredk", n * prior.mean(), Double.NaN))));
            }
            case "Rate_5_data-Rate_5_model": {
                JsonNode data = read(dataFile);
                Rate theta = rate("theta", data, "k1", "n1", "k2", "n2");
                return Optional.of(beta(List.of(theta), List.of(
                        new PosteriorMoments("postpredk1", integer(data, "n1") * theta.mean(), Double.NaN),
                        new PosteriorMoments("postpredk2", integer(data, "n2") * theta.mean(), Double.NaN))));
            }
            case "eight_schools-eight_schools_centered": {
                HierarchicalNormalData data = HierarchicalNormalData.fromFile(dataFile);
                List<PosteriorMoments> means = new ArrayList<>();
                for (PosteriorMoments m : new HierarchicalNormalExact(data).posterior().moments()) {
                    if (m.name().equals("mu") || m.name().equals("tau") || m.name().startsWith("theta[")) {
                        means.add(m);
                    }
                }
                return Optional.of(new Known(means, "quadrature over log tau, as `exact`"));
            }
            default:
                return Optional.empty();
        }
    }

    /** A rate's Beta posterior under a Beta(1, 1) prior. */
    private record Rate(String output, double alpha, double beta) {
        double mean() {
            return alpha / (alpha + beta);
        }
    }

    /** The rate {@code output} after the binomial counts named in pairs (successes, trials) of {@code data}. */
    private static Rate rate(String output, JsonNode data, String... countsAndTrials) {
        int successes = 0;
        int failures = 0;
        for (int i = 0; i < countsAndTrials.length; i += 2) {
            int k = integer(data, countsAndTrials[i]);
            successes += k;
            failures += integer(data, countsAndTrials[i + 1]) - k;
        }
        return new Rate(output, 1 + successes, 1 + failures);
    }

    private static Known beta(List<Rate> rates, List<PosteriorMoments> derived) {
        List<PosteriorMoments> means = new ArrayList<>();
        List<String> laws = new ArrayList<>();
        for (Rate r : rates) {
            double a = r.alpha();
            double b = r.beta();
            means.add(new PosteriorMoments(r.output(), r.mean(), Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)))));
            laws.add(String.format(Locale.ROOT, "%s ~ Beta(%s, %s)", r.output(), integerText(a), integerText(b)));
        }
        means.addAll(derived);
        return new Known(means, "conjugate: " + String.join(", ", laws));
    }

    private static String integerText(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }

    private static int integer(JsonNode data, String name) {
        JsonNode value = data.get(name);
        if (value == null || !value.canConvertToInt()) {
            throw new ReferenceInputException("data: " + name + " is missing or not an integer");
        }
        return value.intValue();
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ReferenceInputException(file + ": cannot read the data (" + e.getMessage() + ")");
        }
    }
}
