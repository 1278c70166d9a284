package manynuts.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table's numbers: fixed decimals, NA, and Monte Carlo errors that stay visible when they are tiny. */
class SummaryTableTest {

    @ParameterizedTest
    @CsvSource({
        "0.208, 0.208",
        "0.0421, 0.042",
        "0.00042, 0.00042",
        "0.0000123, 0.000012",
        "1.5, 1.500",
        "NaN, NA",
        "0, 0.000",
    })
    void monteCarloErrorsKeepTwoSignificantDigits(double value, String shown) {
        assertEquals(shown, SummaryTable.smallNumber(value));
    }
}
