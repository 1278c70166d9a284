package manynuts.models.stan;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import manynuts.models.ModelException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every posteriordb program with its data: it compiles and its gradient matches finite differences, or the compiler
 * refuses it for a feature this test lists as known to be unsupported. Any other failure (a crash, a javac error, a
 * wrong gradient, a refusal for another reason) fails the test.
 */
class PosteriorDbGradientTest {

    /**
     * Features the compiler refuses on purpose, each matched against the first line of the refusal: a refusal for
     * anything else is a failure.
     */
    static final List<String> KNOWN_UNSUPPORTED = List.of(
            "ODE solvers");

    private static final Map<String, String> OUTCOMES = new ConcurrentSkipListMap<>();

    /** Every program, or with {@code -Dposteriordb.only=REGEX} those whose folder matches (while debugging). */
    static Stream<String> programs() {
        String only = System.getProperty("posteriordb.only", ".*");
        return Stream.concat(PosteriorDbPrograms.references().stream(), PosteriorDbPrograms.others().stream())
                .map(dir -> dir.getParent().getFileName() + "/" + dir.getFileName())
                .filter(name -> name.matches(".*(" + only + ").*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void compilesWithMatchingGradientOrIsRefusedForAKnownReason(String name) {
        Path dir = PosteriorDbPrograms.root().resolve(name);
        Path data = dir.resolve("data.json");
        StanModel model;
        try {
            model = StanModels.compile(dir.resolve("model.stan"), Files.isRegularFile(data) ? data : null);
        } catch (ModelException e) {
            String first = e.getMessage().lines().findFirst().orElse("");
            String known = KNOWN_UNSUPPORTED.stream().filter(first::contains).findFirst().orElse(null);
            if (known == null) {
                OUTCOMES.put(name, "FAILED: " + first);
                fail(name + " was refused for a reason not listed as unsupported:\n" + e.getMessage(), e);
            }
            OUTCOMES.put(name, "refused (" + known + ")");
            return;
        } catch (RuntimeException | Error e) {
            OUTCOMES.put(name, "CRASHED: " + e);
            throw e;
        }
        try {
            GradientCheck.Result result = GradientCheck.check(model, name.hashCode(), 2);
            OUTCOMES.put(name, "compiled, dimension " + model.dimension() + ", worst error " + result);
        } catch (AssertionError | RuntimeException e) {
            OUTCOMES.put(name, "FAILED: " + e.getMessage().lines().findFirst().orElse(""));
            throw e;
        }
    }

    @AfterAll
    static void summary() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Map.Entry<String, String> e : OUTCOMES.entrySet()) {
            String group = e.getKey().substring(0, e.getKey().indexOf('/'));
            String outcome = e.getValue();
            String kind = outcome.startsWith("compiled") ? "compiled" : outcome.startsWith("refused") ? outcome
                    : "failed";
            counts.merge(group + ": " + kind, 1, Integer::sum);
        }
        System.out.println("posteriordb gradients: " + counts);
        OUTCOMES.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    }
}
