package reportqa.retrieval.index;

/** Told about each report as an index update goes through the corpus. */
@FunctionalInterface
public interface IndexProgress {

    /** No progress reporting. */
    IndexProgress NONE = (done, total, reportId) -> {};

    /** {@code done} of {@code total} report files looked at; {@code reportId} the latest one. */
    void reportDone(int done, int total, String reportId);
}
