package reportqa.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.index.IndexResult;

/** Brings the index up to date with the corpus folder. */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = "Index the corpus: only added, changed or removed reports are processed.")
final class IndexCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions settings;

    @Mixin
    LibraryOptions library;

    @Override
    public Integer call() throws Exception {
        ReportLibrary.Opened opened = library.openLibrary(settings.load());
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
