package reportqa.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import reportqa.retrieval.Json;
import reportqa.server.answer.AskRequest;
import reportqa.server.answer.Turn;

/**
 * A conversation kept in a file between {@code ask --history FILE} runs: a JSON array of
 * {@code {"role": "user"|"assistant", "content": "…"}}, the same as {@code /api/ask}'s
 * {@code history}. A file that does not exist yet is an empty conversation.
 */
final class HistoryFile {

    /** Larger than any file of {@link AskRequest#MAX_TURNS} turns of the longest allowed length. */
    static final long MAX_BYTES = (long) AskRequest.MAX_TURNS * AskRequest.MAX_TURN_LENGTH * 4 + 65_536;

    private final Path file;

    HistoryFile(Path file) {
        this.file = file;
    }

    /** The earlier turns, oldest first. */
    List<Turn> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--history " + file + ": not a file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException("--history " + file + ": larger than " + MAX_BYTES + " bytes");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw bad("invalid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!root.isArray()) {
            throw bad("expected an array of {\"role\", \"content\"}");
        }
        List<Turn> turns = new ArrayList<>();
        for (JsonNode t : root) {
            Turn.Role role = Turn.Role.parse(t.path("role").asText(""));
            JsonNode content = t.get("content");
            if (role == null || content == null || !content.isTextual()) {
                throw bad("turn " + (turns.size() + 1)
                        + " is not {\"role\": \"user\"|\"assistant\", \"content\": \"…\"}");
            }
            if (content.asText().length() > AskRequest.MAX_TURN_LENGTH) {
                throw bad(
                        "turn " + (turns.size() + 1) + " has more than " + AskRequest.MAX_TURN_LENGTH + " characters");
            }
            turns.add(new Turn(role, content.asText()));
        }
        // Only the most recent turns are sent, as a client of /api/ask would.
        return turns.size() > AskRequest.MAX_TURNS
                ? List.copyOf(turns.subList(turns.size() - AskRequest.MAX_TURNS, turns.size()))
                : turns;
    }

    /** Writes the conversation, replacing the file whole (never half-written). */
    void write(List<Turn> turns) throws IOException {
        ObjectMapper json = Json.mapper();
        ArrayNode out = json.createArrayNode();
        for (Turn t : turns) {
            out.addObject().put("role", t.role().key()).put("content", t.content());
        }
        Path parent = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private IllegalArgumentException bad(String why) {
        return new IllegalArgumentException("--history " + file + ": not a conversation: " + why);
    }
}
