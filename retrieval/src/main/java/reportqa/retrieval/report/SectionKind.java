package reportqa.retrieval.report;

/** What a section of a report is for: content a reader asks about, or legal boilerplate. */
public enum SectionKind {
    /** Header, key points, advice, risks, related reports, analyst profiles. */
    BODY,
    /** Disclaimers, analyst statements, rating definitions, addresses: indexed, but left out of default results. */
    BOILERPLATE
}
