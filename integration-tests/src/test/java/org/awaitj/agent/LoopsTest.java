package org.awaitj.agent;

import java.util.List;

import org.awaitj.EventLoop;
import org.awaitj.agent.shapes.Loops;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoopsTest {
    @Test
    void forLoop() {
        EventLoop loop = EventLoop.withVirtualTime();
        Object r = Rewritten.runOn(loop, Rewritten.load(Loops.class), "forLoop", 4);
        assertEquals(List.of("0:0", "1:1", "2:3", "3:6"), r);
        assertEquals(4.0, loop.time(), "one suspension of one virtual second per iteration");
    }

    @Test
    void forLoopAwaitingInInitConditionAndUpdate() {
        assertEquals(List.of("i1", "i2", "i3"), Rewritten.run(Loops.class, "forLoopAwaitsEverywhere"));
    }

    @Test
    void whileLoop() {
        assertEquals(List.of(5, 3, 1, -1), Rewritten.run(Loops.class, "whileLoop", 7));
    }

    @Test
    void doWhileLoop() {
        assertEquals(List.of(0, 1, 4), Rewritten.run(Loops.class, "doWhile", 3));
        assertEquals(List.of(0), Rewritten.run(Loops.class, "doWhile", 0));
    }

    @Test
    void forEachOverAList() {
        assertEquals("A;B;C;", Rewritten.run(Loops.class, "forEachList", List.of("a", "b", "c")));
    }

    @Test
    void forEachOverArrays() {
        assertEquals("3.75 x|y|", Rewritten.run(Loops.class, "forEachArray", new double[] {1.5, 2.25}, new String[] {"x", "y"}));
    }

    @Test
    void labelledBreakAndContinue() {
        assertEquals(List.of("0", "10", "11", "20", "21"), Rewritten.run(Loops.class, "labelled"));
    }

    @Test
    void nestedLoops() {
        assertEquals(expectedNested(3), (long) Rewritten.run(Loops.class, "nested", 3));
    }

    /** The same loops, run directly. */
    private static long expectedNested(int n) {
        long product = 1;
        int i = 0;
        while (i < n) {
            int j = 0;
            do {
                for (char c : new char[] {'a', 'b'}) {
                    product = product * 3 + (int) c - 'a' + i + j;
                }
                j++;
            } while (j < i);
            i += 1;
        }
        return product;
    }
}
