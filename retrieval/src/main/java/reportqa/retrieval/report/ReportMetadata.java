package reportqa.retrieval.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about a report, each field with where it came from.
 *
 * @param broker canonical Chinese broker name (上海证券), or empty
 * @param title the report's headline, or empty
 * @param date publication date, stated or inferred
 * @param analysts analysts named on the report
 * @param assistants research assistants named on the report
 * @param industry the industry covered (传媒, 计算机 …), or empty
 * @param rating the rating as written (增持（维持）), or empty
 * @param reportType the kind of report (周报, 行业快报 …), or empty
 * @param provenance for each field found, how it was found (keys are {@link MetadataField#key()})
 */
public record ReportMetadata(
        String broker,
        String title,
        ReportDate date,
        List<String> analysts,
        List<String> assistants,
        String industry,
        String rating,
        String reportType,
        Map<String, String> provenance) {

    public ReportMetadata {
        broker = Objects.requireNonNullElse(broker, "");
        title = Objects.requireNonNullElse(title, "");
        date = Objects.requireNonNullElse(date, ReportDate.UNKNOWN);
        analysts = List.copyOf(Objects.requireNonNullElse(analysts, List.of()));
        assistants = List.copyOf(Objects.requireNonNullElse(assistants, List.of()));
        industry = Objects.requireNonNullElse(industry, "");
        rating = Objects.requireNonNullElse(rating, "");
        reportType = Objects.requireNonNullElse(reportType, "");
        provenance = Map.copyOf(Objects.requireNonNullElse(provenance, Map.of()));
    }
}
