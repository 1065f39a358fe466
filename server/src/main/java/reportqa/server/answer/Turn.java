package reportqa.server.answer;

import java.util.Locale;

/**
 * One earlier message of the conversation.
 *
 * @param role who said it
 * @param content what was said
 */
public record Turn(Role role, String content) {

    /** Who speaks. */
    public enum Role {
        USER,
        ASSISTANT;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code user} or {@code assistant}; null for anything else. */
        public static Role parse(String s) {
            for (Role r : values()) {
                if (r.key().equals(s)) {
                    return r;
                }
            }
            return null;
        }
    }
}
