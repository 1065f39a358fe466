package reportqa.retrieval.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import reportqa.retrieval.Json;

/** Reads a questions file: JSON Lines, one {@link EvalQuestion} a line; blank lines are skipped. */
public final class QuestionSet {

    private QuestionSet() {}

    /** The questions of a file, and the lines that are none, each with its line number and why. */
    public record Loaded(List<EvalQuestion> questions, List<String> skipped) {
        public Loaded {
            questions = List.copyOf(questions);
            skipped = List.copyOf(skipped);
        }
    }

    /** Loads every question; a malformed line fails with its line number. */
    public static List<EvalQuestion> load(Path file) throws IOException {
        Loaded l = read(file);
        if (!l.skipped().isEmpty()) {
            throw new IOException(l.skipped().get(0));
        }
        return l.questions();
    }

    /**
     * The questions for a run: the lines that are none are passed to {@code warn} and skipped, unless
     * no line is a question, which fails with the first reason.
     */
    public static List<EvalQuestion> forRun(Path file, java.util.function.Consumer<String> warn) throws IOException {
        Loaded l = read(file);
        if (l.questions().isEmpty() && !l.skipped().isEmpty()) {
            throw new IOException(l.skipped().get(0));
        }
        l.skipped().forEach(why -> warn.accept("skipped " + why));
        return l.questions();
    }

    /**
     * Loads the questions a file holds, passing over the lines that are none (one blank or broken
     * question does not cost a whole run); {@link Loaded#skipped} says which and why.
     */
    public static Loaded read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("questions file not found: " + file);
        }
        ObjectMapper json = Json.mapper();
        List<EvalQuestion> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            EvalQuestion q;
            try {
                q = json.readValue(line, EvalQuestion.class);
            } catch (JsonProcessingException | RuntimeException e) {
                skipped.add(file.getFileName() + " line " + lineNo + ": not a question: " + reason(e));
                continue;
            }
            if (!ids.add(q.id())) {
                skipped.add(file.getFileName() + " line " + lineNo + ": duplicate id " + q.id());
                continue;
            }
            out.add(q);
        }
        return new Loaded(out, skipped);
    }

    /**
     * Why a line is no question, in the file's terms: Jackson's message names Java classes
     * ("Cannot construct instance of reportqa…EvalQuestion, problem: id"), which a user cannot act on.
     */
    private static String reason(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException && c.getMessage() != null) {
                return c.getMessage();
            }
        }
        if (e instanceof JsonProcessingException) {
            return "invalid JSON; each line is {\"id\", \"question\", \"relevant\": [{\"doc\", \"text\"}], \"answer\": […]}";
        }
        return e.getClass().getSimpleName();
    }
}
