package reportqa.retrieval.report;

/** A report file that cannot be read or parsed; the message says why, for the user. */
public class ReportParseException extends Exception {

    private final String reportId;
    private final String reason;

    public ReportParseException(String reportId, String message, Throwable cause) {
        super(reportId + ": " + message, cause);
        this.reportId = reportId;
        this.reason = message;
    }

    public ReportParseException(String reportId, String message) {
        this(reportId, message, null);
    }

    public String reportId() {
        return reportId;
    }

    /** Why, without the report id (for lists that already name the report). */
    public String reason() {
        return reason;
    }
}
