package reportqa.retrieval.solr;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A real SolrCloud cluster in a process of its own, for the server's tests: Solr 9 runs on Jetty 10,
 * the server on Jetty 12, and the two cannot share one class path. Started with this module's test
 * class path (written by the build to {@code target/solr-test-cluster.classpath}) and a folder; it
 * prints {@code zkHost=…} and {@code node=…} (each node's base URL) once the cluster is up, and shuts
 * it down when its standard input closes.
 */
public final class SolrCloudProcess {

    private SolrCloudProcess() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SolrCloudProcess NODES DIR");
            System.exit(2);
        }
        try (TestSolrCloud solr = TestSolrCloud.start(Integer.parseInt(args[0]), Path.of(args[1]))) {
            System.out.println("zkHost=" + solr.zkHost());
            solr.cluster().getJettySolrRunners().forEach(j -> System.out.println("node=" + j.getBaseUrl()));
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // Anything read is ignored: the cluster stops when the input ends.
            }
        }
        System.exit(0);
    }
}
