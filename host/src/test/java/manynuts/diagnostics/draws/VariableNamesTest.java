package manynuts.diagnostics.draws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CmdStan's dotted element names become bracketed ones; everything else stays as written. */
class VariableNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "theta.1|theta[1]",
        "Sigma.1.2|Sigma[1,2]",
        "theta_tilde.10|theta_tilde[10]",
        "theta[1]|theta[1]",
        "mu|mu",
        "lp__|lp__",
        "a.b|a.b",
        "a.1.x|a.1.x",
        "a.|a.",
        ".chain|.chain",
        "x..1|x..1",
    })
    void bracketsCmdStanIndices(String written, String read) {
        assertEquals(read, VariableNames.bracketed(written));
    }
}
