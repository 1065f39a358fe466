package reportqa.retrieval.index;

import java.util.List;

/**
 * What an index update did.
 *
 * @param added reports new to the index
 * @param changed reports re-indexed because their file or sidecar changed
 * @param removed reports whose files are gone
 * @param unchanged reports left as they were
 * @param failures files that could not be indexed, with the reason (any older version stays indexed)
 * @param passagesWritten passages written by this update
 * @param rebuilt whether the whole index was rebuilt because its settings changed
 * @param millis how long the update took
 */
public record IndexResult(
        List<String> added,
        List<String> changed,
        List<String> removed,
        List<String> unchanged,
        List<Failure> failures,
        int passagesWritten,
        boolean rebuilt,
        long millis) {

    /** A report file that was skipped, and why. */
    public record Failure(String reportId, String reason) {}

    public boolean modified() {
        return !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty() || rebuilt;
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return String.format(
                "%d added, %d changed, %d removed, %d unchanged, %d failed; %d passages written%s in %d ms",
                added.size(),
                changed.size(),
                removed.size(),
                unchanged.size(),
                failures.size(),
                passagesWritten,
                rebuilt ? " (full rebuild)" : "",
                millis);
    }
}
