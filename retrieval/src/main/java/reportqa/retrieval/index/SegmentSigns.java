package reportqa.retrieval.index;

/**
 * A segment's vectors as {@link SignBits} reads them: vector {@code ord}'s {@code words} 64-bit
 * words of signs start at {@code signs[ord * words]}, {@code positives[ord]} of its values are
 * positive, and it is document {@code docs[ord]}'s; {@code scannable} when the signs can shortlist
 * the vectors ({@link SignBalance}).
 */
record SegmentSigns(int words, int count, boolean scannable, long[] signs, short[] positives, int[] docs) {

    SegmentSigns {
        if (words < 1
                || count < 0
                || signs.length != (long) count * words
                || positives.length != count
                || docs.length != count) {
            throw new IllegalArgumentException(
                    "the signs, counts and documents of " + count + " vectors do not add up");
        }
    }
}
