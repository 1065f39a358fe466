package reportqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoTest {

    @Test
    void workIsDoneOncePerKeyUntilTheMemoIsFullAndAFailureIsNotKept() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Memo<String, Integer> memo = new Memo<>(2);
        Memo.Work<String, Integer, RuntimeException> length = k -> {
            calls.incrementAndGet();
            return k.length();
        };
        assertEquals(3, memo.get("abc", length));
        assertEquals(3, memo.get("abc", length));
        assertEquals(1, calls.get(), "kept");
        memo.get("de", length);
        memo.get("f", length); // full: emptied, then "f" kept
        memo.get("abc", length);
        assertEquals(4, calls.get(), "worked out again after the memo was emptied");
        assertThrows(
                IOException.class,
                () -> memo.get("x", k -> {
                    throw new IOException("unreadable");
                }));
        assertEquals(1, memo.get("x", length), "a failure is not kept");
    }
}
