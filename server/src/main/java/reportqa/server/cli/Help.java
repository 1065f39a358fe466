package reportqa.server.cli;

/** Headings of the option groups in every command's {@code --help}, in the order they are shown. */
final class Help {

    static final String FILTERS = "%nFilters:%n";
    static final String SERVER = "%nServer:%n";
    static final String MODEL = "%nAnswering model (default: none, answers are extracted from the reports):%n";
    static final String TUNING = "%nAdvanced retrieval tuning (defaults are the measured best; compare with eval):%n";
    static final String BACKEND = "%nSearch backend (default: the embedded index under the data folder):%n";

    static final int FILTERS_ORDER = 1;
    static final int SERVER_ORDER = 2;
    static final int MODEL_ORDER = 3;
    static final int TUNING_ORDER = 4;
    static final int BACKEND_ORDER = 5;

    private Help() {}
}
