package reportqa.retrieval.index;

/** Told about each report as an index update goes through the corpus. */
@FunctionalInterface
public interface IndexProgress {

    /** No progress reporting. */
    IndexProgress NONE = (done, total, reportId, indexed) -> {};

    /**
     * {@code done} of {@code total} report files looked at; {@code reportId} the latest one, and
     * whether it was (re)indexed ({@code false}: unchanged, or skipped as broken).
     */
    void reportDone(int done, int total, String reportId, boolean indexed);

    /**
     * {@code reportId} was (re)indexed into {@code passages} passages: they have been embedded and
     * written to the index (not yet committed). Called once for each report that is (re)indexed,
     * just before {@link #reportDone} for it with {@code indexed} true; never for an unchanged or
     * skipped report. Does nothing unless overridden.
     */
    default void passagesIndexed(String reportId, int passages) {}

    /**
     * {@code reportId} is read next (its text extracted and parsed): it is new or changed, or asked to
     * be read again. Called once for each report read, before {@link #reportRead}; never for one
     * left as it is. Does nothing unless overridden.
     */
    default void reportReading(String reportId) {}

    /**
     * {@code reportId} was read (its text extracted and parsed); its passages are embedded next.
     * Called once for each report that is (re)indexed, before {@link #passagesIndexed}; never for one
     * that fails to be read. Does nothing unless overridden.
     */
    default void reportRead(String reportId) {}
}
