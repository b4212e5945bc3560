package org.awaitj;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Task ids: unique across loops, growing on each, taken a block at a time from one counter. */
class TaskIdsTest {
    @Test
    void idsOfTwoLoopsNeverMeetAndGrowOnEach() {
        TaskIds a = new TaskIds();
        TaskIds b = new TaskIds();
        Set<Integer> seen = new HashSet<>();
        int lastA = 0;
        int lastB = 0;
        for (int i = 0; i < 20_000; i++) {
            int x = a.next();
            assertTrue(x > lastA, x + " after " + lastA);
            assertEquals(x, a.last());
            lastA = x;
            assertTrue(seen.add(x), "id " + x + " given twice");
            if (i % 3 == 0) {
                int y = b.next();
                assertTrue(y > lastB, y + " after " + lastB);
                lastB = y;
                assertTrue(seen.add(y), "id " + y + " given twice");
            }
        }
    }

    @Test
    void aLoopsFirstBlockIsSmallAndTheNextOnesDouble() {
        TaskIds ids = new TaskIds();
        int first = ids.next();
        for (int i = 1; i < 16; i++) {
            assertEquals(first + i, ids.next(), "the first block: 16 ids in a row");
        }
        int second = ids.next();
        for (int i = 1; i < 32; i++) {
            assertEquals(second + i, ids.next(), "the second block: 32 ids in a row");
        }
    }
}
