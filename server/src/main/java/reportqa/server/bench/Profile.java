package reportqa.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server's time goes while a load runs on it: JDK Flight Recorder's execution samples, counted by the
 * method on top of each sampled stack ("self" time) and by the first method of this project's own
 * code on it (where that time is spent from).
 */
final class Profile {

    /** A method and the share of samples it had. */
    record Frame(String method, double share) {}

    /** What a profiled run returned and what it spent its time on. */
    record Profiled<T>(T result, List<Frame> self, List<Frame> ours, int samples) {}

    private Profile() {}

    /**
     * The recorder's settings: execution samples only, every 10 ms. (The JDK's "profile" settings also
     * record allocations, locks and I/O. Either way the profiled run is slower than the measured one —
     * 385 requests/s under "profile", 415–461 under these, against 1,251–1,322 unprofiled — which is
     * why it is a run of its own.)
     */
    private static final String SAMPLES_ONLY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="execution samples">
              <event name="jdk.ExecutionSample">
                <setting name="enabled">true</setting>
                <setting name="period">10 ms</setting>
              </event>
            </configuration>
            """;

    /**
     * Profiles process {@code pid} (a server) while {@code work} runs here (the load on it): a
     * recording of execution samples ({@link #SAMPLES_ONLY}) started and stopped with {@code jcmd}.
     */
    static <T> Profiled<T> ofProcess(long pid, Callable<T> work, int top) throws Exception {
        Path file = Files.createTempFile("reportqa-bench", ".jfr");
        Path settings = Files.createTempFile("reportqa-bench", ".jfc");
        String id = Long.toString(pid);
        String jcmd = ServeProbe.jdkTool("jcmd");
        try {
            Files.writeString(settings, SAMPLES_ONLY);
            ServeProbe.run(List.of(jcmd, id, "JFR.start", "name=bench", "settings=" + settings.toAbsolutePath()));
            T result;
            try {
                result = work.call();
            } finally {
                // Stopped however the work ended: a recording left running would go on costing the server.
                ServeProbe.run(List.of(jcmd, id, "JFR.stop", "name=bench", "filename=" + file.toAbsolutePath()));
            }
            if (Files.size(file) == 0) {
                throw new IllegalStateException("no recording from process " + pid);
            }
            return read(file, result, top);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(settings);
        }
    }

    /** The execution samples of a recording, counted. */
    private static <T> Profiled<T> read(Path file, T result, int top) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            RecordedStackTrace st = e.getStackTrace();
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")
                    || st == null
                    || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(st.getFrames().get(0)), 1, Integer::sum);
            for (RecordedFrame f : st.getFrames()) {
                if (f.getMethod().getType().getName().startsWith("reportqa.")) {
                    ours.merge(name(f), 1, Integer::sum);
                    break;
                }
            }
        }
        return new Profiled<>(result, top(self, samples, top), top(ours, samples, top), samples);
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    private static List<Frame> top(Map<String, Integer> counts, int samples, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .map(e -> new Frame(e.getKey(), samples == 0 ? 0 : (double) e.getValue() / samples))
                .toList();
    }
}
