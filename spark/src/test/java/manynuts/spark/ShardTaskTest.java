package manynuts.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** The parts of a shard's task that need no Spark context: where its chains run, how a run is dealt. */
class ShardTaskTest {

    @Test
    void aTaskGivenGpusRunsOnThemAndOtherwiseWhereAsked() {
        ResourceInformation two = new ResourceInformation("gpu", new String[] {"1", "3"});
        assertEquals("cuda:1,3", ShardTask.backendOf(Map.of("gpu", two), "cpu"));
        assertEquals("cpu", ShardTask.backendOf(Map.of(), "cpu"));
        assertEquals("auto", ShardTask.backendOf(Map.of("gpu", new ResourceInformation("gpu", new String[0])),
                "auto"));
    }

    @Test
    void shardsHoldConsecutiveWholeSuperchainsOfNearlyEqualSize() {
        assertEquals(List.of(new Shard(0, 0, 3), new Shard(1, 3, 3), new Shard(2, 6, 4)), Shard.split(10, 3, 1));
        assertEquals(List.of(new Shard(0, 0, 4), new Shard(1, 4, 8)), Shard.split(12, 2, 4));
        assertEquals("draws/shard-00002.parquet", new Shard(2, 6, 4).file());
    }
}
