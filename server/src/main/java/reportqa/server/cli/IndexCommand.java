package reportqa.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.index.IndexResult;

/** Brings the index up to date with the corpus folder. */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        abbreviateSynopsis = true,
        description = "Index the corpus: only added, changed or removed reports are processed.")
final class IndexCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @ArgGroup(validate = false, heading = Help.BACKEND, order = Help.BACKEND_ORDER)
    BackendOptions backend = new BackendOptions();

    @ArgGroup(validate = false, heading = Help.TUNING, order = Help.TUNING_ORDER)
    IndexTuning tuning = new IndexTuning();

    @Override
    public Integer call() throws Exception {
        ReportLibrary.Opened opened = common.openLibrary(common.load(backend), TuningOptions.of(tuning));
        try (ReportLibrary lib = opened.library()) {
            IndexResult r = opened.update();
            System.out.println(r.summary());
            for (IndexResult.Failure f : r.failures()) {
                System.out.println("skipped " + f.reportId() + ": " + f.reason());
            }
            System.out.printf(
                    "index %s: %d reports, %d passages%n",
                    lib.config().indexDir(),
                    lib.backend().reports().size(),
                    lib.backend().passageCount());
            return 0;
        }
    }
}
