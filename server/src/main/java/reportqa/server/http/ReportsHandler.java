package reportqa.server.http;

import io.javalin.http.Context;
import reportqa.retrieval.report.Report;
import reportqa.retrieval.report.ReportCard;
import reportqa.retrieval.search.SearchBackend;

/** {@code GET /api/reports} (every report's metadata) and {@code GET /api/reports/{id}} (one report's text and passages). */
final class ReportsHandler {

    private final SearchBackend backend;

    ReportsHandler(SearchBackend backend) {
        this.backend = backend;
    }

    void list(Context ctx) {
        ctx.json(backend.reports().values().stream().map(ReportSummary::of).toList());
    }

    void one(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        Report r = backend.report(id)
                .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_REPORT, "no report with id '" + id + "'"));
        ctx.json(new Responses.Report(
                ReportSummary.of(ReportCard.of(r)),
                r.metadata().provenance(),
                r.text(),
                r.sections(),
                backend.passages(id).stream()
                        .map(p -> new Responses.PassageSpan(
                                p.passageId(), p.section(), p.boilerplate(), p.start(), p.end()))
                        .toList()));
    }
}
