package reportqa.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServeProbeTest {

    /** server/jvm.options, from the module's folder (where the tests run). */
    private static final Path OPTIONS_FILE = Path.of("jvm.options");

    @Test
    void theSuiteStartsServersWithTheOptionsTheLauncherReadsFromJvmOptions() throws Exception {
        List<String> options = ServeProbe.jvmOptions();
        assertFalse(options.isEmpty());
        assertTrue(ServeProbe.serverFlags("1g").containsAll(options));
        // What the java launcher makes of the file as an argument file (README's run command), and
        // of the suite's reading of it: the same flags, each accepted by this JVM.
        Set<String> byLauncher = commandLineFlags(List.of("@" + OPTIONS_FILE.toAbsolutePath()));
        assertEquals(byLauncher, commandLineFlags(options));
        assertEquals(options.size(), byLauncher.size(), "one flag an option: " + byLauncher);
    }

    @Test
    void anArgumentFileIsReadAsTheLauncherReadsOneOrRefused() {
        assertEquals(
                List.of("-Xss1m", "-XX:+UseSerialGC", "-XX:-UsePerfData"),
                ServeProbe.jvmOptions(
                        "# a comment\n  -Xss1m -XX:+UseSerialGC # two, then a comment\n\n-XX:-UsePerfData\n"));
        for (String quoted : List.of("-Dname=\"ab\"", "-Dname='a'", "-Dpath=C:\\x", "-Dx=a#b")) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> ServeProbe.jvmOptions(quoted + "\n"), quoted);
            assertTrue(e.getMessage().endsWith(quoted), e.getMessage());
        }
    }

    @Test
    void theReadmeRunsTheServerWithTheOptionsFile() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        assertTrue(
                readme.contains(
                        "java @server/jvm.options -XX:SharedArchiveFile=server/target/reportqa.jsa -jar server/target/reportqa.jar serve"));
    }

    /** The flags set on the command line of a JVM started with {@code options}, as it prints them. */
    private static Set<String> commandLineFlags(List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ServeProbe.jdkTool("java"));
        command.addAll(options);
        command.add("-XX:+PrintFlagsFinal");
        command.add("-version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Set<String> flags = new TreeSet<>();
        for (String line : out.lines().toList()) {
            if (line.contains("{command line}") && !line.contains(" PrintFlagsFinal ")) {
                String[] parts = line.strip().split("\\s+");
                flags.add(parts[1] + "=" + parts[3]);
            }
        }
        return flags;
    }
}
