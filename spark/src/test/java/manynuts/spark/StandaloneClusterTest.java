package manynuts.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import manynuts.api.Draws;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application on a standalone Spark cluster of real processes on this machine: a master and two workers of one
 * core each, started from the test class path; each worker starts an executor JVM for the run (and another when one
 * is lost). The driver is this JVM, as with {@code spark-submit --deploy-mode client}.
 */
class StandaloneClusterTest {
    private static final List<Process> processes = new ArrayList<>();
    private static final List<String> NAMES = List.of("master", "worker-1", "worker-2");
    private static SparkContext spark;

    @TempDir
    static Path cluster;

    @BeforeAll
    static void start() throws Exception {
        String classPath = System.getProperty("java.class.path");
        // The launcher that builds an executor's command wants $SPARK_HOME/jars; the class path comes from the app.
        Path sparkHome = Files.createDirectories(cluster.resolve("spark-home/jars")).getParent();
        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        processes.add(launch(sparkHome, classPath, "master", "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port",
                String.valueOf(freePort())));
        for (int w = 1; w <= 2; w++) {
            Path work = Files.createDirectories(cluster.resolve("worker-" + w));
            processes.add(launch(sparkHome, classPath, "worker-" + w, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--work-dir", work.toString(),
                    "--webui-port", String.valueOf(freePort()), master));
        }
        SparkConf conf = new SparkConf().setMaster(master).setAppName("manynuts-cluster-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.executor.memory", "768m")
                .set("spark.executor.cores", "1").set("spark.cores.max", "2")
                .set("spark.executor.extraClassPath", classPath)
                .set("spark.executor.extraJavaOptions", System.getProperty("spark.java.options"))
                .set(ShardedRun.FAIL_FIRST_ATTEMPT, "2").set(ShardedRun.LOSE_EXECUTOR, "3");
        spark = SparkContext.getOrCreate(conf);
        // Both executors registered (the driver counts as one more), so that the shards spread over both.
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (spark.getExecutorMemoryStatus().size() < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the two workers' executors did not register: see " + cluster);
            }
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException("a cluster process ended; its log: "
                            + Files.readString(cluster.resolve(NAMES.get(i) + ".log")));
                }
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    @Test
    void shardsOnTwoWorkersGiveTheOneMachineDrawsThroughAFailedTaskAndALostExecutor() throws Exception {
        String output = cluster.resolve("run").toUri().toString();
        SparkTesting.Result result = SparkTesting.run("sample", "-m", "eight_schools_noncentered", "--chains", "8",
                "--shards", "4", "--warmup", "150", "--draws", "100", "--seed", "5", "-o", output);
        assertEquals(0, result.code(), result.err());

        Draws expected = SparkTesting.oneMachine("eight_schools_noncentered", 8, 150, 100, 5);
        SparkTesting.assertSameDraws(expected, output);
        RunManifest manifest = RunManifest.read(new org.apache.hadoop.fs.Path(output),
                new org.apache.hadoop.conf.Configuration());
        Set<String> executors = manifest.shards().stream().map(ShardResult::executor).collect(Collectors.toSet());
        assertEquals(2, executors.size(), "shards ran on both workers' executors: " + manifest.shards());
        assertEquals(1, manifest.shards().get(2).attempt(), "shard 2 was retried after its first attempt failed");
        // Shard 3's first attempt ended its executor's JVM: it ran again elsewhere, and the shards that had
        // completed were not run again.
        assertTrue(manifest.shards().get(3).attempt() >= 1, "shard 3 ran again: " + manifest.shards());
        assertEquals(List.of(0, 0), List.of(manifest.shards().get(0).attempt(), manifest.shards().get(1).attempt()),
                "completed shards kept: " + manifest.shards());
        assertTrue(result.out().contains(expected.summary().table()), result.out());
    }

    private static Process launch(Path sparkHome, String classPath, String name, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classPath));
        command.addAll(List.of(System.getProperty("spark.java.options").split(" ")));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(cluster.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
