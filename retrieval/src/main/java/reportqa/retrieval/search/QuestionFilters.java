package reportqa.retrieval.search;

/** Whether a broker or report date named in the question restricts the search. */
public enum QuestionFilters {
    /** "上海证券 3 月 25 日的周报…" searches that report (and says so); the default for questions. */
    DETECT,
    /** The query is searched under the request's filters only (evaluation of a fixed setting, tests). */
    IGNORE
}
