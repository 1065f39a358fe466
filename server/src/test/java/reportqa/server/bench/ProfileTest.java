package reportqa.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A profile of another process: the recording is started and read through jcmd, and says where it spun. */
class ProfileTest {

    /** A process that spins in one method until it is stopped. */
    static final class Spinner {

        static volatile long sink;

        public static void main(String[] args) {
            System.out.println("spinning");
            System.out.flush();
            while (true) {
                spin();
            }
        }

        static void spin() {
            long x = sink;
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 31 + i;
            }
            sink = x;
        }
    }

    @Test
    void theSamplesOfAnotherProcessNameWhereItSpends() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of(ServeProbe.jdkTool("jcmd"))),
                "this JDK has no jcmd (a JRE): the benchmark's profile needs a full JDK");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Spinner.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            // Attached only once it runs: jcmd finds a JVM by its pid when the JVM is up. (The JVM may
            // say other things first, such as the options it picked up.)
            var out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("spinning"));
            assertEquals("spinning", line);
            Profile.Profiled<String> profiled = Profile.ofProcess(
                    p.pid(),
                    () -> {
                        Thread.sleep(1_500);
                        return "done";
                    },
                    3);
            assertEquals("done", profiled.result());
            assertTrue(profiled.samples() > 20, "samples: " + profiled.samples());
            List<Profile.Frame> ours = profiled.ours();
            assertEquals("ProfileTest$Spinner.spin", ours.get(0).method(), ours.toString());
            assertTrue(ours.get(0).share() > 0.8, ours.toString());
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
