package manynuts.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The packages of the host and models modules import one another without a circle, so each can be read, tested
 * and changed from the packages below it (docs/architecture.md draws the graph).
 */
class PackageGraphTest {

    @Test
    void noPackageImportCircle() throws IOException {
        PackageGraph graph = PackageGraph.scan(PackageGraph.mainSources());
        assertTrue(graph.packages().size() >= 25, "the scan found only " + graph.packages().size()
                + " packages: are the source folders where the test looks for them?");
        List<List<String>> circles = graph.circles();
        assertTrue(circles.isEmpty(), "packages that import one another in a circle: " + graph.describe(circles));
    }

    @Test
    void findsACircleThroughImportsAndQualifiedNames() {
        PackageGraph graph = PackageGraph.of(Map.of(
                "p.a", "package p.a;\nimport p.b.B;\nclass A { B b; }\n",
                "p.b", "package p.b;\nclass B { Object c = new p.c.C(); }\n",
                "p.c", "package p.c;\nimport static p.a.A.helper;\nclass C { /* p.d.D in a comment */ }\n",
                "p.d", "package p.d;\nclass D { String s = \"p.a.A in a string\"; }\n"));
        assertEquals(List.of(List.of("p.a", "p.b", "p.c")), graph.circles());
        assertEquals(Set.of(), graph.importsOf("p.d"));
    }

    @Test
    void layersWithoutACircleAreAccepted() {
        PackageGraph graph = PackageGraph.of(Map.of(
                "p.top", "package p.top;\nimport p.mid.M;\nimport p.low.L;\n",
                "p.mid", "package p.mid;\nimport p.low.L;\n",
                "p.low", "package p.low;\n"));
        assertEquals(List.of(), graph.circles());
        assertEquals(Set.of("p.mid", "p.low"), graph.importsOf("p.top"));
    }
}
