package reportqa.server.http;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import reportqa.retrieval.search.SearchFilters;
import reportqa.retrieval.search.SearchMode;
import reportqa.retrieval.search.SearchRequest;

/** Validation of request values shared by the endpoints; every failure is an {@link ApiException}. */
final class Params {

    private Params() {}

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.BAD_DATE, field + " must be a date like 2024-03-19, not '" + value + "'");
        }
    }

    /** A whole number from a query parameter, or null when absent. */
    static Integer integer(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.INVALID_FIELD, field + " must be a whole number, not '" + value + "'");
        }
    }

    static int k(Integer k, int fallback) {
        int v = k == null ? fallback : k;
        if (v < 1 || v > SearchRequest.MAX_K) {
            throw new ApiException(
                    ErrorCode.K_OUT_OF_RANGE, "k must be between 1 and " + SearchRequest.MAX_K + ", not " + v);
        }
        return v;
    }

    static SearchMode mode(String mode) {
        if (mode == null || mode.isBlank()) {
            return SearchMode.DEFAULT;
        }
        try {
            return SearchMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.UNKNOWN_MODE, e.getMessage());
        }
    }

    /**
     * Filters as given; whether the library has the brokers and reports they name is checked with
     * the library ({@link reportqa.retrieval.search.FilterCheck}).
     */
    static SearchFilters filters(List<String> brokers, String from, String to, List<String> reports) {
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (f != null && t != null && t.isBefore(f)) {
            throw new ApiException(ErrorCode.BAD_DATE, "to (" + t + ") is before from (" + f + ")");
        }
        Set<String> ids = new LinkedHashSet<>(reports == null ? List.of() : reports);
        Set<String> b = new LinkedHashSet<>();
        if (brokers != null) {
            brokers.stream()
                    .filter(s -> s != null && !s.isBlank())
                    .map(String::strip)
                    .forEach(b::add);
        }
        return new SearchFilters(b, f, t, ids, false);
    }
}
