package reportqa.retrieval.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a report's metadata from its cleaned text: broker, title, date, analysts, industry, rating,
 * report type; each with the evidence it was found by. Each field has its own extractor; this class
 * only reads the body lines once and hands them round.
 *
 * <p>Dates are never invented: a date the report states ({@code 日期： 2024年03月19日}) is used as is;
 * otherwise the date is inferred as a range from what the report refers to, marked inferred (see
 * {@link DateExtractor}).
 */
public final class MetadataExtractor {

    private final BrokerExtractor broker;
    private final DateExtractor date;
    private final TitleExtractor title;
    private final PeopleExtractor people;
    private final IndustryExtractor industry;
    private final RatingExtractor rating;
    private final ReportTypeExtractor reportType;

    public MetadataExtractor(BrokerRegistry brokers, Vocabulary vocabulary) {
        this.broker = new BrokerExtractor(brokers);
        this.date = new DateExtractor();
        this.rating = new RatingExtractor(vocabulary);
        this.title = new TitleExtractor(brokers, vocabulary, rating);
        this.people = new PeopleExtractor(vocabulary);
        this.industry = new IndustryExtractor(vocabulary);
        this.reportType = new ReportTypeExtractor(vocabulary);
    }

    /** Extracts metadata from a cleaned report split into sections. */
    public ReportMetadata extract(String text, List<Section> sections) {
        Map<String, String> provenance = new LinkedHashMap<>();
        BodyLines lines = BodyLines.of(text, sections);
        return new ReportMetadata(
                broker.extract(text, lines.header(), provenance),
                title.extract(lines, provenance),
                date.extract(text, lines.all(), provenance),
                people.analysts(lines.all(), provenance),
                people.assistants(lines.all(), provenance),
                industry.extract(lines, provenance),
                rating.extract(lines.all(), provenance),
                reportType.extract(lines.header(), provenance),
                provenance);
    }
}
