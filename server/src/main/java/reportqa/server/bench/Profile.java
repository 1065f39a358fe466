package reportqa.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes while something runs: JDK Flight Recorder's execution samples, counted by the
 * method on top of each sampled stack ("self" time) and by the first method of this project's own
 * code on it (where that time is spent from).
 */
final class Profile {

    /** A method and the share of samples it had. */
    record Frame(String method, double share) {}

    /** What a profiled run returned and what it spent its time on. */
    record Profiled<T>(T result, List<Frame> self, List<Frame> ours, int samples) {}

    private Profile() {}

    static <T> Profiled<T> of(Callable<T> work, int top) throws Exception {
        Path file = Files.createTempFile("reportqa-bench", ".jfr");
        T result;
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.start();
            result = work.call();
            r.stop();
            r.dump(file);
        }
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        try {
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
        } finally {
            Files.deleteIfExists(file);
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
