package reportqa.server.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import reportqa.server.answer.Answer;
import reportqa.server.answer.AnswerMode;
import reportqa.server.answer.Citation;
import reportqa.server.answer.Prompts;
import reportqa.server.answer.Source;
import reportqa.server.answer.cite.CitationMapper;
import reportqa.server.answer.extract.ExtractiveAnswerer;
import reportqa.server.answer.generate.Generated;
import reportqa.server.answer.generate.ModelAnswerer;
import reportqa.server.answer.retrieve.Retrieved;
import reportqa.server.config.Secret;

/**
 * The last stages of an answer: <b>cite</b> the model's reply or the extracted sentences
 * ({@link CitationMapper}) and <b>respond</b> with the {@link Answer}. A model reply that failed or
 * cites nothing is replaced here by the extractive answer, with the reason in {@code degraded}.
 */
final class Responder {

    private static final String CITED_NOTHING = "the model's answer cited no passage";
    private static final String MODEL_FOUND_NOTHING = "the model found no answer in the passages";

    private final ModelAnswerer model;
    private final ExtractiveAnswerer extractive;
    private final CitationMapper citations = new CitationMapper();
    private final Prompts prompts;
    private final Secret secret;
    private final boolean onRequest;

    /**
     * @param model the model stage, or null for extractive answers only
     * @param onRequest whether extractive answers are what the client asked for, though a model is
     *     configured (they say so, not that no model is configured)
     */
    Responder(ModelAnswerer model, ExtractiveAnswerer extractive, Prompts prompts, Secret secret, boolean onRequest) {
        this.onRequest = onRequest;
        this.model = model;
        this.extractive = extractive;
        this.prompts = prompts;
        this.secret = secret;
    }

    /** The model's reply checked and cited, or the extractive answer when it failed or cites nothing. */
    Answer respond(Asked asked, Generated generated) throws IOException {
        if (generated.failed()) {
            return extract(asked, generated.failure());
        }
        String noAnswer = model.noAnswer();
        String text = generated.text();
        if (text.isBlank() || text.strip().startsWith(noAnswer)) {
            return answer(
                    asked,
                    "",
                    prompts.abstention(asked.language()),
                    List.of(),
                    asked.retrieved().sources(),
                    MODEL_FOUND_NOTHING,
                    AnswerMode.LLM,
                    asked.rewriteNote(secret));
        }
        CitationMapper.Mapped mapped = citations.map(
                text.replace(noAnswer, "").strip(), asked.retrieved().sources());
        if (mapped.citations().isEmpty()) {
            // An answer that cites nothing cannot be checked against the reports: quote them instead.
            return extract(asked, CITED_NOTHING);
        }
        return answer(
                asked,
                "",
                mapped.text(),
                mapped.citations(),
                cited(asked.retrieved().sources(), mapped.citations()),
                null,
                AnswerMode.LLM,
                asked.rewriteNote(secret));
    }

    /** The extractive answer; {@code failure} says why the model's was not used (null: no model). */
    Answer extract(Asked asked, String failure) throws IOException {
        String degraded = failure == null ? asked.rewriteNote(secret) : secret.scrub(failure);
        String preamble = failure == null && onRequest
                ? prompts.extractiveRequested(asked.language())
                : prompts.extractivePreamble(asked.language(), failure == null ? null : degraded);
        Retrieved r = asked.retrieved();
        ExtractiveAnswerer.Draft draft = extractive.answer(
                asked.rewritten().query(),
                asked.request().question(),
                r.result().query(),
                r.sources(),
                r.result().unmatched(),
                r.comparison(),
                r.result().applied());
        if (draft.abstained() && draft.text().isEmpty()) {
            return answer(
                    asked,
                    preamble,
                    prompts.abstention(asked.language()),
                    List.of(),
                    r.sources(),
                    draft.abstainReason(),
                    AnswerMode.EXTRACTIVE,
                    degraded);
        }
        // An answer, or an abstention with what the reports do say near it (an inferred date), cited.
        List<Source> sources = draft.sources() != null ? draft.sources() : r.sources();
        CitationMapper.Mapped mapped = citations.map(draft.text(), sources);
        sources = draft.sources() != null ? withRetrieved(sources, r.sources()) : sources;
        String missing = draft.notAddressed().isEmpty()
                ? ""
                : "\n" + prompts.notAddressed(asked.language(), draft.notAddressed());
        return answer(
                asked,
                preamble,
                mapped.text() + missing,
                mapped.citations(),
                cited(sources, mapped.citations()),
                draft.abstainReason(),
                AnswerMode.EXTRACTIVE,
                degraded);
    }

    /**
     * The passages a fact answer cites (a header field, a contact line), then the rest of what the
     * search found, as every other answer lists them: the line naming an analyst is cited, and their
     * profile, which the search found just below it, is one click away.
     */
    private static List<Source> withRetrieved(List<Source> cited, List<Source> retrieved) {
        List<Source> out = new ArrayList<>(cited);
        Set<String> listed = new HashSet<>();
        cited.forEach(s -> listed.add(s.passageId()));
        for (Source s : retrieved) {
            if (listed.add(s.passageId())) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The one place an {@link Answer} is made.
     *
     * @param notice what the answer opens with before its content (the extractive answer's note that
     *     it quotes the reports), or empty
     */
    private Answer answer(
            Asked asked,
            String notice,
            String text,
            List<Citation> cited,
            List<Source> sources,
            String abstainReason,
            AnswerMode mode,
            String degraded) {
        boolean abstained = abstainReason != null;
        return new Answer(
                notice.isEmpty() ? text : notice + "\n" + text,
                cited,
                sources,
                abstained,
                abstainReason,
                mode,
                mode == AnswerMode.LLM ? model.name() : "",
                degraded,
                new Answer.Timings(asked.retrieveMillis(), ms(asked.generationStart())),
                asked.rewritten().query(),
                asked.retrieved().result().autoFilterNote(),
                asked.retrieved().result().filterNote(),
                notice);
    }

    /** Sources with their citation number (0 when not cited). */
    private static List<Source> cited(List<Source> sources, List<Citation> citations) {
        return sources.stream()
                .map(s -> s.cited(citations.stream()
                        .filter(s::isCitedBy)
                        .mapToInt(Citation::n)
                        .findFirst()
                        .orElse(0)))
                .toList();
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
