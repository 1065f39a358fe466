package reportqa.server.answer.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import reportqa.retrieval.embed.Embedder;
import reportqa.retrieval.embed.Vectors;
import reportqa.retrieval.text.Words;

/**
 * Whether a sentence words the attribute a question asks about in other words (加速 for 提速, 规模 for
 * 体量, 开播 for 首播): the run of one to three of its words whose meaning, by the embedding model,
 * is closest to the attribute, when close enough. Asked only when the attribute is not written in the
 * passage, so that a question that paraphrases is answered while one about an attribute the reports
 * never give (参数量 where only 分辨率 is written) still abstains.
 */
final class Paraphrases {

    /** A run of words of a sentence that stands for the attribute asked about. */
    record Match(int start, int end, String words, double similarity) {}

    /** Vectors of words kept in memory: a library's vocabulary is small, and sentences repeat. */
    private static final int CACHE_SIZE = 20_000;

    private final Embedder embedder;
    private final double threshold;
    private final Map<String, float[]> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** @param threshold the cosine similarity a run must reach to stand for the attribute */
    Paraphrases(Embedder embedder, double threshold) {
        this.embedder = embedder;
        this.threshold = threshold;
    }

    /**
     * Where {@code sentence} words {@code attribute} otherwise: each word of the attribute (by the
     * segmenter; words of one character are particles) that the sentence does not write must be
     * matched by a run of one or two of its words close enough in meaning (成立 of 公司成立 is not
     * matched by 推出, though 公司 is written). Empty when some word is not matched or every word is
     * written (then nothing is worded otherwise).
     */
    Optional<Match> in(String attribute, String sentence) {
        return in(attribute, sentence, r -> true);
    }

    /**
     * As {@link #in(String, String)}, with only the runs {@code where} accepts (the words beside a
     * date, for the verb the date is of).
     */
    Optional<Match> in(String attribute, String sentence, Predicate<Match> where) {
        List<String> missing = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (Words.Span w : Words.spans(attribute)) {
            String word = attribute.substring(w.start(), w.end());
            if (word.length() < 2 || !word.chars().allMatch(Paraphrases::han)) {
                continue;
            }
            (sentence.contains(word) ? written : missing).add(word);
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        // A run holding a word of the attribute that is written is that word again, not another wording.
        List<Match> runs = runs(sentence, 2).stream()
                .filter(r -> written.stream().noneMatch(r.words()::contains))
                .filter(where)
                .toList();
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>(missing);
        runs.forEach(r -> texts.add(r.words()));
        List<float[]> vectors = vectors(texts);
        Match weakest = null;
        for (int m = 0; m < missing.size(); m++) {
            Match best = null;
            for (int i = 0; i < runs.size(); i++) {
                double s = Vectors.cosine(vectors.get(m), vectors.get(missing.size() + i));
                if (s >= threshold && (best == null || s > best.similarity())) {
                    Match r = runs.get(i);
                    best = new Match(r.start(), r.end(), r.words(), s);
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            if (weakest == null || best.similarity() < weakest.similarity()) {
                weakest = best;
            }
        }
        return Optional.of(weakest);
    }

    /** Runs of one to {@code maxWords} consecutive Chinese words, two characters at least. */
    private static List<Match> runs(String sentence, int maxWords) {
        List<Words.Span> words = Words.spans(sentence);
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            for (int j = i; j < Math.min(words.size(), i + maxWords); j++) {
                Words.Span first = words.get(i);
                Words.Span last = words.get(j);
                if (j > i && words.get(j - 1).end() != last.start()) {
                    break; // punctuation or a space between: no phrase
                }
                String text = sentence.substring(first.start(), last.end());
                if (text.length() >= 2 && text.chars().allMatch(Paraphrases::han)) {
                    out.add(new Match(first.start(), last.end(), text, 0));
                }
            }
        }
        return out;
    }

    private static boolean han(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private List<float[]> vectors(List<String> texts) {
        List<String> missing = new ArrayList<>();
        synchronized (cache) {
            for (String t : texts) {
                if (!cache.containsKey(t) && !missing.contains(t)) {
                    missing.add(t);
                }
            }
        }
        List<float[]> fresh = missing.isEmpty() ? List.of() : embedder.embedPassages(missing);
        List<float[]> out = new ArrayList<>();
        synchronized (cache) {
            for (int i = 0; i < missing.size(); i++) {
                cache.put(missing.get(i), fresh.get(i));
            }
            for (String t : texts) {
                float[] v = cache.get(t);
                out.add(v != null ? v : fresh.get(missing.indexOf(t)));
            }
        }
        return out;
    }
}
