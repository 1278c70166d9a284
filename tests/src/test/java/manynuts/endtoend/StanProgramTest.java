package manynuts.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import manynuts.endtoend.CommandLine.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stan programs through the command line: sample, summary, check, and every kind of bad program and data. */
class StanProgramTest {
    private static final String EIGHT_SCHOOLS = """
            data {
              int<lower=0> J;
              array[J] real y;
              array[J] real<lower=0> sigma;
            }
            parameters {
              real mu;
              real<lower=0> tau;
              vector[J] theta_tilde;
            }
            transformed parameters {
              vector[J] theta = mu + tau * theta_tilde;
            }
            model {
              mu ~ normal(0, 5);
              tau ~ cauchy(0, 5);
              theta_tilde ~ normal(0, 1);
              y ~ normal(theta, sigma);
            }
            """;
    private static final String DATA = "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], "
            + "\"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}";

    @TempDir
    Path directory;

    private static Outcome run(String... args) {
        return CommandLine.run(args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static void assertNoStackTrace(Outcome outcome) {
        assertFalse(outcome.err().contains("Exception") || outcome.err().contains("\tat "),
                "no stack trace: " + outcome.err());
    }

    @Test
    void samplesAProgramAndSummarisesTheRunFromRunJsonAlone() throws IOException {
        Path program = write("schools.stan", EIGHT_SCHOOLS);
        Path data = write("schools.json", DATA);
        Path output = directory.resolve("run");
        Outcome sampled = run("sample", "-m", program.toString(), "--data", data.toString(), "-o", output.toString(),
                "--chains", "8", "--warmup", "200", "--draws", "200", "--seed", "3", "--progress", "never");
        assertEquals(0, sampled.exitCode(), sampled.err());
        assertTrue(sampled.out().contains("theta[8]"), sampled.out());
        JsonNode record = new ObjectMapper().readTree(output.resolve("run.json").toFile());
        assertEquals("schools", record.get("model").asText());
        assertEquals(EIGHT_SCHOOLS, record.get("stan_program").get("text").asText());
        String header = Files.readAllLines(output.resolve("draws.csv")).get(0);
        assertTrue(header.startsWith(".chain,.iteration,.draw,mu,tau,theta_tilde[1],"), header);
        // The program and data files are gone: summary rebuilds the model from run.json's copy of the program and
        // the run directory's copy of the data.
        Files.delete(program);
        Files.delete(data);
        Outcome summary = run("summary", output.toString());
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().contains("theta_tilde[3]"), summary.out());
    }

    @Test
    void aTamperedProgramInRunJsonIsRefused() throws IOException {
        Path program = write("schools.stan", EIGHT_SCHOOLS);
        Path data = write("schools.json", DATA);
        Path output = directory.resolve("run");
        assertEquals(0, run("sample", "-m", program.toString(), "--data", data.toString(), "-o", output.toString(),
                "--chains", "2", "--warmup", "20", "--draws", "20", "--seed", "3", "--progress", "never").exitCode());
        Path runJson = output.resolve("run.json");
        Files.writeString(runJson, Files.readString(runJson).replace("normal(0, 5)", "normal(0, 50)"));
        Outcome summary = run("summary", output.toString());
        assertEquals(2, summary.exitCode());
        assertTrue(summary.err().contains("does not match its sha256"), summary.err());
    }

    @Test
    void checkListsParametersAndEvaluatesAPoint() throws IOException {
        Path program = write("schools.stan", EIGHT_SCHOOLS);
        Outcome checked = run("check", program.toString());
        assertEquals(0, checked.exitCode(), checked.err());
        assertTrue(checked.out().contains("tau          real       lower bound"), checked.out());
        assertTrue(checked.out().contains("unconstrained dimension: (2 + J)"), checked.out());
        Outcome withData = run("check", program.toString(), "--data", write("d.json", DATA).toString());
        assertEquals(0, withData.exitCode(), withData.err());
        assertTrue(withData.out().contains("dimension 10, 18 outputs"), withData.out());
        assertTrue(withData.out().contains("log density at a random point"), withData.out());
    }

    @Test
    void checkSaysWhyEveryPointIsRejected() throws IOException {
        Path program = write("ordinal.stan", "data { int k; vector[2] c; } parameters { real eta; }"
                + " model { eta ~ normal(0, 1); k ~ ordered_logistic(eta, c); }");
        Outcome checked = run("check", program.toString(), "--data",
                write("cuts.json", "{\"k\": 2, \"c\": [1, -1]}").toString());
        assertEquals(2, checked.exitCode(), checked.err());
        assertEquals(1, checked.err().lines().count(), checked.err());
        assertTrue(checked.err().contains("no finite log density at 100 random points in (-2, 2); the last was "
                + "rejected: ordered_logistic: the cut points are not in ascending order"), checked.err());
        assertNoStackTrace(checked);
    }

    @Test
    void aSyntaxErrorShowsTheLineAndACaretUnderTheColumn() throws IOException {
        Path program = write("bad.stan", "data {\n  int N;\n}\nparameters {\n  real x\n}\nmodel {\n}\n");
        Outcome checked = run("check", program.toString());
        assertEquals(2, checked.exitCode());
        String[] lines = checked.err().split("\\R");
        assertEquals(3, lines.length, checked.err());
        assertTrue(lines[0].startsWith("error: " + program + ":5:9: expected ';'"), lines[0]);
        assertEquals("    real x", lines[1]);
        assertEquals("          ^", lines[2]);
        assertNoStackTrace(checked);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "parameters { real x; } model { x ~ normal(0, y); }|1:46: unknown variable \"y\"",
        "parameters { cov_matrix[2] m; } model { target += sum(singular_values(m)); }|decompositions",
        "parameters { real x; } model { x ~ wishart(0, 1); }|wishart",
        "parameters { vector[2] x; } model { target += x; x = x; }|cannot be assigned",
        "parameters { real x; } model { real y = x + {1, 2}; }|operator +",
        "functions { real f(real a) { return f(a); } } parameters { real x; } model { x ~ normal(f(x), 1); }|recursive",
    })
    void programErrorsAreOneLineWithTheirPlace(String text, String mustMention) throws IOException {
        Path program = write("p.stan", text);
        Outcome checked = run("check", program.toString());
        assertEquals(2, checked.exitCode(), checked.err());
        String first = checked.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("error: " + program + ":1:"), first);
        assertTrue(first.contains(mustMention), first);
        assertNoStackTrace(checked);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18], \"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}|data variable y",
        "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12]}|data variable sigma is missing",
        "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [15, 10, 16, 11, -9, 11, 10, 18]}|sigma[5]",
        "{\"J\": 8.5, \"y\": [28, 8, -3, 7, -1, 1, 18, 12], \"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}|J must hold ints",
        "{\"J\": 8, \"y\": [28, 8, -3, 7, -1, 1, 18, \"x\"], \"sigma\": [15, 10, 16, 11, 9, 11, 10, 18]}|numbers",
    })
    void badDataIsOneLineNamingTheVariable(String json, String mustMention) throws IOException {
        Path program = write("schools.stan", EIGHT_SCHOOLS);
        Path data = write("data.json", json);
        Path output = directory.resolve("run");
        Outcome outcome = run("sample", "-m", program.toString(), "--data", data.toString(), "-o", output.toString(),
                "--chains", "2", "--warmup", "20", "--draws", "20", "--seed", "1");
        assertEquals(2, outcome.exitCode(), outcome.err());
        String[] lines = outcome.err().strip().split("\\R");
        assertEquals(1, lines.length, outcome.err());
        assertTrue(lines[0].startsWith("error: ") && lines[0].contains(mustMention), lines[0]);
        assertNoStackTrace(outcome);
        assertFalse(Files.exists(output), "nothing written for bad data");
    }

    @Test
    void aRejectionWhileSamplingIsADivergenceNotACrash() throws IOException {
        Path program = write("reject.stan", """
                parameters { real x; }
                model {
                  if (x > 1.5) reject("x = ", x, " is too large");
                  x ~ normal(0, 1);
                }
                """);
        Path output = directory.resolve("run");
        Outcome outcome = run("sample", "-m", program.toString(), "-o", output.toString(), "--chains", "4",
                "--warmup", "100", "--draws", "200", "--seed", "5", "--progress", "never");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(Files.readAllLines(output.resolve("divergences.csv")).size() > 1,
                "points past the rejection are divergences");
    }

    @Test
    void randomGeneratedQuantitiesAreReproducibleWhateverTheThreadsAndHaveTheirDistribution() throws IOException {
        Path program = write("rng.stan", """
                parameters { real mu; }
                model { mu ~ normal(0, 1); }
                generated quantities {
                  real noise = normal_rng(mu, 1) - mu;
                  int count = poisson_rng(3);
                  array[2] int flips = bernoulli_rng({0.25, 0.75});
                }
                """);
        String[] common = {"sample", "-m", program.toString(), "--chains", "8", "--warmup", "200", "--draws", "500",
                "--seed", "9", "--progress", "never"};
        Path one = directory.resolve("one");
        Path two = directory.resolve("two");
        assertEquals(0, run(with(common, "-o", one.toString(), "--threads", "1")).exitCode());
        assertEquals(0, run(with(common, "-o", two.toString(), "--threads", "2")).exitCode());
        List<String> first = Files.readAllLines(one.resolve("draws.csv"));
        assertEquals(first, Files.readAllLines(two.resolve("draws.csv")), "the same draws on 1 and 2 threads");
        String header = first.get(0);
        List<String> columns = List.of(header.split(","));
        int noise = columns.indexOf("noise");
        int count = columns.indexOf("count");
        int flip = columns.indexOf("flips[2]");
        double sum = 0;
        double squares = 0;
        double counts = 0;
        double flips = 0;
        int n = first.size() - 1;
        for (String line : first.subList(1, first.size())) {
            String[] fields = line.split(",");
            double x = Double.parseDouble(fields[noise]);
            sum += x;
            squares += x * x;
            counts += Double.parseDouble(fields[count]);
            flips += Double.parseDouble(fields[flip]);
        }
        // Independent draws: each mean within 4 standard errors of the exact value.
        assertEquals(0.0, sum / n, 4.0 / Math.sqrt(n));
        assertEquals(1.0, squares / n, 4.0 * Math.sqrt(2.0 / n));
        assertEquals(3.0, counts / n, 4.0 * Math.sqrt(3.0 / n));
        assertEquals(0.75, flips / n, 4.0 * Math.sqrt(0.75 * 0.25 / n));
    }

    private static String[] with(String[] common, String... more) {
        String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return all;
    }
}
