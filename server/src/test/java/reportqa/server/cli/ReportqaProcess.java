package reportqa.server.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code reportqa} run as its own process, as the jar runs it (the main class path, not the
 * tests'), for tests that stop it from outside: every line it prints (stdout and stderr) is kept
 * with the milliseconds since start, and a test can wait for a line, then kill it (SIGKILL, as
 * {@code kill -9}) or ask it to stop (SIGTERM).
 */
final class ReportqaProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on http://\\S+:(\\d+)$");

    /** The test's class path without the test classes, so the process logs as the jar would (main's LogConfigurator). */
    static String mainClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').endsWith("/test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** {@code reportqa ARGS --data DATA --corpus CORPUS} as its own process, not yet started. */
    static ProcessBuilder command(Path data, Path corpus, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", mainClassPath(), Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data", data.toString(), "--corpus", corpus.toString()));
        return new ProcessBuilder(command);
    }

    /** One line the process printed, and when. */
    record Line(long millis, boolean stderr, String text) {}

    private final Process process;
    private final long started = System.nanoTime();
    private final List<Line> lines = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();

    private ReportqaProcess(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), false));
        pumps.add(pump(process.getErrorStream(), true));
    }

    /** Starts {@code command}, keeping what it prints. */
    static ReportqaProcess start(ProcessBuilder command) throws IOException {
        return new ReportqaProcess(command.start());
    }

    private Thread pump(InputStream in, boolean stderr) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            synchronized (lines) {
                                lines.add(new Line(millis(), stderr, line));
                                lines.notifyAll();
                            }
                        }
                    } catch (IOException e) {
                        // The process was killed mid-line: what it printed before is kept.
                    } finally {
                        synchronized (lines) {
                            lines.notifyAll();
                        }
                    }
                },
                "reportqa-" + (stderr ? "stderr" : "stdout"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Milliseconds since the process was started. */
    long millis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * Waits for a line matching {@code which}; fails, showing everything printed, when the process
     * ends (or {@code bound} passes) without one.
     */
    Line await(Predicate<String> which, String what, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (lines) {
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    if (which.test(lines.get(seen).text())) {
                        return lines.get(seen);
                    }
                }
                boolean ended = !process.isAlive() && pumps.stream().noneMatch(Thread::isAlive);
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    throw new AssertionError((ended ? "the process ended" : "no line in " + bound) + " before " + what
                            + "; it printed:\n" + output());
                }
                lines.wait(Math.max(1, Math.min(100, left / 1_000_000)));
            }
        }
    }

    /** Waits for {@code serve}'s "Listening on" line; the base URL to reach it from this machine. */
    String awaitListening(Duration bound) throws InterruptedException {
        Line l = await(s -> LISTENING.matcher(s).find(), "Listening on", bound);
        Matcher m = LISTENING.matcher(l.text());
        if (!m.find()) {
            throw new AssertionError(l.text());
        }
        return "http://127.0.0.1:" + m.group(1);
    }

    /** SIGKILL ({@code kill -9}): the process gets no chance to do anything more. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the process runs its shutdown hooks. */
    void terminate() {
        process.destroy();
    }

    /** The exit code once the process has ended within {@code bound}; fails otherwise. */
    int awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + bound + "; it printed:\n" + output());
        }
        for (Thread t : pumps) {
            t.join(5_000);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Everything printed so far, each line with its time and stream. */
    String output() {
        synchronized (lines) {
            return lines.stream()
                    .map(l -> String.format("%6d ms %s %s", l.millis(), l.stderr() ? "err" : "out", l.text()))
                    .collect(Collectors.joining("\n"));
        }
    }

    /** The lines printed so far. */
    List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
