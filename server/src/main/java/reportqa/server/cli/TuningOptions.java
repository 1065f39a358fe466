package reportqa.server.cli;

import picocli.CommandLine.ArgGroup;

/**
 * Every retrieval tuning flag, under one heading in help: how the index is built
 * ({@link IndexTuning}) and searched ({@link SearchTuning}). {@code index} takes only the first.
 */
final class TuningOptions {

    @ArgGroup(validate = false)
    IndexTuning index = new IndexTuning();

    @ArgGroup(validate = false)
    SearchTuning search = new SearchTuning();

    /** How {@code index} builds, searched the default way (it does not search). */
    static TuningOptions of(IndexTuning index) {
        TuningOptions t = new TuningOptions();
        t.index = index;
        return t;
    }
}
