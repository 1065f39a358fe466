package reportqa.server.http;

import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import reportqa.retrieval.index.CorpusScan;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.report.ReportParser;
import reportqa.retrieval.report.ReportSummary;
import reportqa.retrieval.search.SearchBackend;

/**
 * {@code GET /api/reports} (every report's metadata), {@code GET /api/reports/{id}} (one report's
 * text, pages and passages) and {@code GET /api/reports/{id}/pdf} (a PDF report's original file, for
 * the browser's own viewer to open at a cited page).
 */
final class ReportsHandler {

    private final SearchBackend backend;
    private final Path corpus;

    ReportsHandler(SearchBackend backend, Path corpus) {
        this.backend = backend;
        this.corpus = corpus;
    }

    void list(Context ctx) {
        ctx.json(backend.reports().values().stream().map(ReportSummary::of).toList());
    }

    void one(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        Report r = backend.report(id)
                .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_REPORT, "no report with id '" + id + "'"));
        List<Responses.PassageSpan> passages = backend.passages(id).stream()
                .map(p -> new Responses.PassageSpan(
                        p.passageId(), p.section(), p.boilerplate(), p.start(), p.end(), p.page()))
                .toList();
        ctx.json(new Responses.Report(
                ReportSummary.of(ReportCard.of(r, passages.size())),
                r.metadata().provenance(),
                r.text(),
                r.sections(),
                r.pageStarts(),
                passages));
    }

    void pdf(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        // Only a report of the library names a file: an id is never made into a path unchecked.
        if (!backend.reports().containsKey(id)) {
            throw new ApiException(ErrorCode.UNKNOWN_REPORT, "no report with id '" + id + "'");
        }
        Path file = original(id)
                .orElseThrow(() ->
                        new ApiException(ErrorCode.NO_PDF, "report '" + id + "' was read from text: it has no PDF"));
        ctx.contentType("application/pdf");
        ctx.header("Content-Disposition", "inline; filename=\"" + id + ".pdf\"");
        ctx.result(Files.readAllBytes(file));
    }

    /** The PDF a report was read from: a regular file of the corpus, not a link, of a readable size. */
    private Optional<Path> original(String id) throws java.io.IOException {
        for (Path file : CorpusScan.filesOf(corpus, id)) {
            if (ReportParser.isPdfName(file.getFileName().toString())
                    && ReportParser.idOf(file).equals(id)
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && ReportParser.tooLarge(Files.size(file)) == null) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }
}
