package manynuts.diagnostics.draws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DrawsShapeTest {

    @Test
    void theLargestShapeThatFitsAnIntCountsEveryDraw() {
        DrawsShape shape = new DrawsShape(1, Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, shape.totalDraws());
        assertEquals(Integer.MAX_VALUE - 1, SplitChains.of(shape).splitTotal());
    }

    @Test
    void moreDrawsThanAnIntHoldsAreRefusedInOneLine() {
        DiagnosticsInputException refused = assertThrows(DiagnosticsInputException.class,
                () -> new DrawsShape(65_536, 32_768));
        assertTrue(refused.getMessage().contains("65536 chains x 32768 draws is 2147483648 draws"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(String.valueOf(Integer.MAX_VALUE)), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }
}
