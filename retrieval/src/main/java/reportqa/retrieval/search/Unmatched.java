package reportqa.retrieval.search;

import java.time.LocalDate;

/**
 * Something a question names that the library has no report for, or that the request's own
 * filters leave out.
 *
 * @param what in words: "reports from 中信证券", "reports dated 2024-04-01 from 上海证券"
 * @param date the report date named, when that is what matched nothing (null otherwise)
 * @param excludedBy the request's filter that leaves it out ("broker 上海证券"), or null when the
 *     library lacks it
 * @param broker the broker named, by its canonical name, when it is a broker with no report in the
 *     library (null otherwise): the passages may still write about it as a company
 */
public record Unmatched(String what, LocalDate date, String excludedBy, String broker) {

    /** Something the library lacks. */
    public Unmatched(String what, LocalDate date) {
        this(what, date, null, null);
    }

    /** Something the library lacks, or the request's filters leave out. */
    public Unmatched(String what, LocalDate date, String excludedBy) {
        this(what, date, excludedBy, null);
    }

    /** A broker the library has no report from. */
    public static Unmatched absentBroker(String broker) {
        return new Unmatched("reports from " + broker, null, null, broker);
    }

    /** Why the reports cannot answer, in words. */
    public String reason() {
        return excludedBy == null
                ? "no " + what + " in the library"
                : "the filter (" + excludedBy + ") leaves out the " + what + " the question asks about";
    }
}
