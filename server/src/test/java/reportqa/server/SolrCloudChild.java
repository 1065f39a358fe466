package reportqa.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real 2-node SolrCloud cluster (Solr's own test cluster) in a child process: Solr 9 runs on
 * Jetty 10 and this server on Jetty 12, which cannot share one class path. The child runs the
 * retrieval module's {@code SolrCloudProcess} on that module's test class path, which the build
 * writes to {@code retrieval/target/solr-test-cluster.classpath}: the server's tests run after the
 * retrieval module's build in one reactor ({@code mvn verify} from the project's root).
 */
public final class SolrCloudChild implements AutoCloseable {

    private final Process process;
    private final String zkHost;
    private final List<String> nodes;

    private SolrCloudChild(Process process, String zkHost, List<String> nodes) {
        this.process = process;
        this.zkHost = zkHost;
        this.nodes = List.copyOf(nodes);
    }

    /** Starts the cluster with its files under {@code dir}; returns once it is up (a minute at most). */
    public static SolrCloudChild start(Path dir) throws IOException, InterruptedException {
        Path root = TestServer.seedCorpus().getParent();
        Path target = root.resolve("retrieval/target");
        Path classpathFile = target.resolve("solr-test-cluster.classpath");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build from the project's root (mvn verify),"
                    + " which writes it while building the retrieval module");
        }
        String classpath = target.resolve("test-classes")
                + java.io.File.pathSeparator
                + target.resolve("classes")
                + java.io.File.pathSeparator
                + Files.readString(classpathFile).strip();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-Xmx768m",
                        "-cp",
                        classpath,
                        "reportqa.retrieval.solr.SolrCloudProcess",
                        "2",
                        dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String zk = null;
        List<String> nodes = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            if (line.startsWith("zkHost=")) {
                zk = line.substring("zkHost=".length());
            } else if (line.startsWith("node=")) {
                nodes.add(line.substring("node=".length()));
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        if (zk == null || nodes.isEmpty() || line == null) {
            p.destroyForcibly();
            throw new IllegalStateException("the SolrCloud child process did not come up (its stderr is above)");
        }
        return new SolrCloudChild(p, zk, nodes);
    }

    /** The cluster's ZooKeeper address, as a user gives it. */
    public String zkHost() {
        return zkHost;
    }

    /** The nodes' base URLs ({@code http://127.0.0.1:PORT/solr}). */
    public List<String> nodes() {
        return nodes;
    }

    /** Ends the cluster: its input closed (it shuts down), killed if it has not within 30 s. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already gone: nothing to close.
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
