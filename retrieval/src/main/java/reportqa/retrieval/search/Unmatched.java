package reportqa.retrieval.search;

import java.time.LocalDate;

/**
 * Something a question names that the library has no report for.
 *
 * @param what in words: "broker 中信证券", "reports dated 2024-04-01 from 上海证券"
 * @param date the report date named, when that is what matched nothing (null otherwise)
 */
public record Unmatched(String what, LocalDate date) {}
