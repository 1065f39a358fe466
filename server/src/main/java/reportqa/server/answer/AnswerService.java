package reportqa.server.answer;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reportqa.retrieval.ReportLibrary;
import reportqa.retrieval.report.BrokerRegistry;
import reportqa.retrieval.search.Passage;
import reportqa.retrieval.search.SearchRequest;
import reportqa.retrieval.search.SearchResult;
import reportqa.server.http.SourceView;

/**
 * Answers questions: rewrites a follow-up, retrieves passages, and answers from them with the
 * language model when one is configured, or extractively. A model that fails (an HTTP error, a
 * refused connection, a timeout, a stream that stalls or breaks) never fails the answer: it falls
 * back to the extractive answer and says why in {@code degraded}.
 */
public final class AnswerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerService.class);
    /** A stream that sends nothing for this share of the timeout is considered stalled. */
    private static final double STALL_SHARE = 0.5;
    private static final long WATCHDOG_MS = 50;
    private static final String NOTHING_RETRIEVED = "no passage matched, so the model was not asked";

    private final ReportLibrary library;
    private final Prompts prompts;
    private final ExtractiveAnswerer extractive;
    private final LanguageModel model;
    private final Duration timeout;
    private final String secret;
    private final QueryRewriter rewriter;
    private final BrokerRegistry brokers;
    private final reportqa.retrieval.search.QueryExpansion expansion = reportqa.retrieval.search.QueryExpansion.standard();
    private final CitationMapper citations = new CitationMapper();
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "llm-call");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param model the language model, or null for extractive answers only
     * @param timeout the longest wait for a model answer (whole answer, including a stream)
     * @param secret the API key, scrubbed from any failure text (may be empty)
     */
    public AnswerService(ReportLibrary library, Prompts prompts, ExtractiveAnswerer extractive, LanguageModel model,
            Duration timeout, String secret, BrokerRegistry brokers) {
        this.library = library;
        this.prompts = prompts;
        this.extractive = extractive;
        this.model = model;
        this.timeout = timeout;
        this.secret = secret == null ? "" : secret;
        this.rewriter = new QueryRewriter(model == null ? null : model.chat(), prompts, brokers, this.secret);
        this.brokers = brokers;
    }

    public boolean llmEnabled() {
        return model != null;
    }

    public String modelName() {
        return model == null ? "" : model.name();
    }

    /** Retrieval for a question, with the standalone query used. */
    private record Retrieved(String query, SearchResult result, List<SourceView> sources, long millis, String rewriteFailure) {
    }

    private Retrieved retrieve(AskRequest req, long deadline) throws IOException {
        long t0 = System.nanoTime();
        QueryRewriter.Rewritten rw = rewrite(req, deadline);
        SearchResult result = library.retriever().retrieve(new SearchRequest(rw.query(), req.k(), req.mode(), req.filters(), true));
        List<SourceView> sources = new ArrayList<>();
        for (Passage p : result.passages()) {
            sources.add(SourceView.of(p, 0));
        }
        return new Retrieved(rw.query(), result, sources, ms(t0), rw.failure());
    }

    /**
     * The follow-up rewritten into a standalone query. A model rewrite gets at most a third of the
     * time, so that the rewrite and the answer together stay within the configured timeout.
     */
    private QueryRewriter.Rewritten rewrite(AskRequest req, long deadline) {
        if (model == null || !rewriter.needsRewrite(req.question(), req.history())) {
            return rewriter.rewrite(req.question(), req.history());
        }
        Future<QueryRewriter.Rewritten> call = calls.submit(() -> rewriter.rewrite(req.question(), req.history()));
        try {
            return call.get(Math.max(1, (deadline - System.nanoTime()) / 3 / 1_000_000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return rewriter.carried(req.question(), req.history(), "interrupted while the model rewrote the question");
        } catch (TimeoutException e) {
            call.cancel(true);
            return rewriter.carried(req.question(), req.history(), "the model did not rewrite the question in time");
        } catch (java.util.concurrent.ExecutionException e) {
            return rewriter.carried(req.question(), req.history(), ModelFailure.describe(e));
        }
    }

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** Answers a question in one go. */
    public Answer ask(AskRequest req) throws IOException {
        long deadline = deadline();
        Retrieved r = retrieve(req, deadline);
        long t0 = System.nanoTime();
        if (model == null) {
            return extractiveAnswer(req, r, null, t0);
        }
        if (r.sources().isEmpty()) {
            return extractiveAnswer(req, r, NOTHING_RETRIEVED, t0);
        }
        Future<ChatResponse> call = calls.submit(() -> model.chat().chat(chatRequest(r.query(), r.sources())));
        try {
            ChatResponse response = call.get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            return llmAnswer(req, r, response.aiMessage().text(), t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return extractiveAnswer(req, r, "interrupted while waiting for the model", t0);
        } catch (TimeoutException e) {
            call.cancel(true);
            return extractiveAnswer(req, r, "the model did not answer within " + timeout.toSeconds() + " s", t0);
        } catch (Exception e) {
            LOG.warn("model call failed, answering extractively: {}", scrub(e.toString()));
            return extractiveAnswer(req, r, ModelFailure.describe(e), t0);
        }
    }

    /** Answers a question as a stream of events; returns when {@link AnswerListener#onDone} has been called. */
    public void stream(AskRequest req, AnswerListener listener) throws IOException {
        long deadline = deadline();
        Retrieved r = retrieve(req, deadline);
        listener.onSources(r.sources(), r.query(), r.result().autoFilterNote());
        long t0 = System.nanoTime();
        if (model == null || r.sources().isEmpty()) {
            Answer a = extractiveAnswer(req, r, model == null ? null : NOTHING_RETRIEVED, t0);
            streamText(a.answer(), listener);
            listener.onDone(a);
            return;
        }
        ModelStream stream = new ModelStream(listener);
        try {
            model.streaming().chat(chatRequest(r.query(), r.sources()), stream);
        } catch (RuntimeException e) {
            stream.done.completeExceptionally(e);
        }
        String text = null;
        String failure = null;
        long stallNanos = (long) (timeout.toNanos() * STALL_SHARE);
        // The client's own timeout only covers the wait for response headers: guard the whole stream.
        while (text == null && failure == null) {
            try {
                text = stream.done.get(WATCHDOG_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (now > deadline) {
                    failure = "the model did not finish within " + timeout.toSeconds() + " s";
                } else if (now - stream.lastActivity > stallNanos) {
                    failure = "the model's stream stalled";
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted while waiting for the model";
            } catch (Exception e) {
                if (stream.clientGone) {
                    throw new java.io.UncheckedIOException(new IOException("the client went away during the answer"));
                }
                LOG.warn("model stream failed, answering extractively: {}", scrub(e.toString()));
                failure = ModelFailure.describe(e);
            }
        }
        boolean tokensSent = stream.finish();
        Answer a = failure != null ? extractiveAnswer(req, r, failure, t0) : llmAnswer(req, r, text, t0);
        if (AnswerMode.EXTRACTIVE.key().equals(a.mode())) {
            if (tokensSent) {
                listener.onReset(a.degraded());
            }
            streamText(a.answer(), listener);
        }
        listener.onDone(a);
    }

    /**
     * One model stream: forwards tokens until finished, then cancels the model's stream so that a
     * stalled or abandoned answer does not keep its connection (and the model) busy.
     */
    private static final class ModelStream implements StreamingChatResponseHandler {

        final CompletableFuture<String> done = new CompletableFuture<>();
        private final AnswerListener listener;
        private volatile StreamingHandle handle;
        private boolean finished;
        private boolean tokensSent;
        volatile long lastActivity = System.nanoTime();
        volatile boolean clientGone;

        ModelStream(AnswerListener listener) {
            this.listener = listener;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            handle = context.streamingHandle();
            lastActivity = System.nanoTime();
            String token = partial.text();
            synchronized (this) {
                if (finished || token == null || token.isEmpty()) {
                    return;
                }
                try {
                    listener.onToken(token);
                    tokensSent = true;
                } catch (RuntimeException e) {
                    clientGone = true;
                    done.completeExceptionally(e);
                }
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            done.complete(response.aiMessage().text() == null ? "" : response.aiMessage().text());
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        /** Stops forwarding and cancels the model's stream; says whether any token went out. */
        synchronized boolean finish() {
            finished = true;
            StreamingHandle h = handle;
            if (h != null && !done.isDone()) {
                h.cancel();
            }
            return tokensSent;
        }
    }

    private ChatRequest chatRequest(String question, List<SourceView> sources) {
        List<ChatMessage> messages = List.of(
                SystemMessage.from(prompts.render(Prompts.Template.ANSWER_SYSTEM,
                        Map.of("noAnswer", prompts.text(Prompts.Template.NO_ANSWER)))),
                UserMessage.from(userPrompt(question, sources)));
        return ChatRequest.builder().messages(messages).build();
    }

    /** The user message: every passage numbered and labelled with broker, date, title and section. */
    public String userPrompt(String question, List<SourceView> sources) {
        StringBuilder passages = new StringBuilder();
        for (int i = 0; i < sources.size(); i++) {
            SourceView s = sources.get(i);
            String date = s.date().isEmpty() ? "日期不详" : s.dateInferred() ? s.date() + "（推断）" : s.date();
            passages.append(i > 0 ? "\n\n" : "").append(prompts.render(Prompts.Template.PASSAGE, Map.of(
                    "n", i + 1,
                    "broker", s.broker().isEmpty() ? "机构不详" : s.broker(),
                    "date", date,
                    "title", s.title(),
                    "section", s.section().isEmpty() ? "" : " · " + s.section(),
                    "text", s.passage())));
        }
        return prompts.render(Prompts.Template.ANSWER_USER, Map.of("passages", passages.toString(), "question", question));
    }

    private Answer llmAnswer(AskRequest req, Retrieved r, String text, long t0) {
        String noAnswer = prompts.text(Prompts.Template.NO_ANSWER);
        if (text == null || text.isBlank() || text.strip().startsWith(noAnswer)) {
            return new Answer(abstainText(req.question()), List.of(), r.sources(), true, "the model found no answer in the passages",
                    AnswerMode.LLM.key(), model.name(),
                    rewriteNote(r), new Answer.Timings(r.millis(), ms(t0)), r.query(), r.result().autoFilterNote());
        }
        CitationMapper.Mapped mapped = citations.map(text.replace(noAnswer, "").strip(), r.sources());
        if (mapped.citations().isEmpty()) {
            // An answer that cites nothing cannot be checked against the reports: quote them instead.
            return extractiveAnswer(req, r, "the model's answer cited no passage", t0);
        }
        return new Answer(mapped.text(), mapped.citations(), markCited(r.sources(), mapped), false, null, AnswerMode.LLM.key(),
                model.name(), rewriteNote(r), new Answer.Timings(r.millis(), ms(t0)), r.query(), r.result().autoFilterNote());
    }

    private Answer extractiveAnswer(AskRequest req, Retrieved r, String failure, long t0) {
        Language lang = Language.of(req.question());
        String degraded = failure == null ? rewriteNote(r) : scrub(failure);
        String preamble = failure == null
                ? prompts.text(lang == Language.ENGLISH ? Prompts.Template.EXTRACTIVE_PREAMBLE_EN : Prompts.Template.EXTRACTIVE_PREAMBLE)
                : prompts.render(lang == Language.ENGLISH ? Prompts.Template.EXTRACTIVE_FALLBACK_EN : Prompts.Template.EXTRACTIVE_FALLBACK,
                        Map.of("reason", degraded));
        // Names of the brokers every source comes from would make profiles and legal text look like answers.
        String content = brokers.withoutNames(r.query(), r.result().applied().brokers()).strip();
        ExtractiveAnswerer.Draft draft = extractive.answer(expansion.expand(content), r.sources(),
                r.result().unmatched());
        if (draft.abstained()) {
            return new Answer(preamble + "\n" + abstainText(req.question()), List.of(), r.sources(), true, draft.abstainReason(),
                    AnswerMode.EXTRACTIVE.key(), "", degraded, new Answer.Timings(r.millis(), ms(t0)), r.query(),
                    r.result().autoFilterNote());
        }
        CitationMapper.Mapped mapped = citations.map(draft.text(), r.sources());
        return new Answer(preamble + "\n" + mapped.text(), mapped.citations(), markCited(r.sources(), mapped), false, null,
                AnswerMode.EXTRACTIVE.key(), "", degraded, new Answer.Timings(r.millis(), ms(t0)), r.query(),
                r.result().autoFilterNote());
    }

    private String rewriteNote(Retrieved r) {
        return r.rewriteFailure() == null ? null : scrub("follow-up not rewritten by the model: " + r.rewriteFailure());
    }

    private String abstainText(String question) {
        return prompts.text(Language.of(question) == Language.ENGLISH ? Prompts.Template.ABSTAIN_EN : Prompts.Template.ABSTAIN);
    }

    /** Sources with their citation number (0 when not cited). */
    private static List<SourceView> markCited(List<SourceView> sources, CitationMapper.Mapped mapped) {
        List<SourceView> out = new ArrayList<>(sources.size());
        for (SourceView s : sources) {
            int n = mapped.citations().stream().filter(c -> c.reportId().equals(s.reportId()) && c.start() == s.start())
                    .mapToInt(Citation::n).findFirst().orElse(0);
            out.add(new SourceView(n, s.passageId(), s.reportId(), s.broker(), s.date(), s.dateInferred(), s.title(), s.section(),
                    s.passage(), s.start(), s.end(), s.score(), s.rank()));
        }
        return out;
    }

    /** Extractive text goes out a line at a time, so both modes speak the same protocol. */
    private static void streamText(String text, AnswerListener listener) {
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl + 1;
            listener.onToken(text.substring(from, to));
            from = to;
        }
    }

    private String scrub(String s) {
        return secret.isEmpty() || s == null ? s : s.replace(secret, "***");
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
