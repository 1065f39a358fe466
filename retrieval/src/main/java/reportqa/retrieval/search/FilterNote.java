package reportqa.retrieval.search;

import java.util.List;

/**
 * How the question narrowed the search, or why it could not, as parts a page can say in its own
 * language; {@link #text()} says it in English (the API's and the command line's {@code filterNote}).
 *
 * @param kind what happened
 * @param parts the filters taken from the question (restricted), or named by it (nothing matched, left out)
 * @param requestedBrokers the request's own broker filter (when it leaves a broker out)
 * @param text the same in English, or empty
 */
public record FilterNote(Kind kind, List<Part> parts, List<String> requestedBrokers, String text) {

    /** Nothing to say. */
    public static final FilterNote NONE = new FilterNote(Kind.NONE, List.of(), List.of(), "");

    public FilterNote {
        parts = List.copyOf(parts);
        requestedBrokers = List.copyOf(requestedBrokers);
    }

    /** What the question did to the search. */
    public enum Kind {
        /** It named nothing to filter by. */
        NONE,
        /** The search was restricted to what it named. */
        RESTRICTED,
        /** Nothing matched what it named: searched without it. */
        NOTHING_MATCHED,
        /** It asks about brokers the request's own broker filter leaves out. */
        LEFT_OUT
    }

    /** What a part filters by. */
    public enum What {
        BROKER,
        INDUSTRY,
        DATES
    }

    /**
     * One filter.
     *
     * @param what what it filters by
     * @param values the brokers or industries; for dates the first and last day (ISO), either may be empty
     * @param named whether the question itself named it (else it was carried over from the conversation)
     */
    public record Part(What what, List<String> values, boolean named) {

        public Part {
            values = List.copyOf(values);
        }
    }
}
