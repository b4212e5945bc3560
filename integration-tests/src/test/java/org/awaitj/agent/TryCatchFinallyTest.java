package org.awaitj.agent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.agent.shapes.Exceptions;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TryCatchFinallyTest {
    @Test
    void awaitInsideTry() {
        assertEquals(List.of("try 1", "try 2", "finally"), Rewritten.run(Exceptions.class, "awaitInTry"));
    }

    @Test
    void checkedExceptionFromAnAwaitedCoroutineIsCaughtUnchangedAndTheCatchAwaits() {
        assertEquals(List.of("before", "caught same instance: true", "catch awaited"),
                Rewritten.run(Exceptions.class, "awaitInCatch", new IOException("io")));
    }

    @Test
    void awaitInsideFinallyOnBothPaths() {
        assertEquals(List.of("body 1", "body done", "finally 2", "finally 3"),
                Rewritten.run(Exceptions.class, "awaitInFinally", false));
        assertEquals(List.of("body 1", "finally 2", "finally 3", "outer caught boom"),
                Rewritten.run(Exceptions.class, "awaitInFinally", true));
    }

    @Test
    void resultSurvivesAFinallyThatSuspends() {
        List<String> log = new ArrayList<>();
        assertEquals("value", Rewritten.run(Exceptions.class, "returnThroughAwaitingFinally", log));
        assertEquals(List.of("try", "finally 1"), log);
    }

    @Test
    void breakContinueAndReturnThroughAnAwaitingFinally() {
        List<String> log = new ArrayList<>();
        assertEquals(32, (int) Rewritten.run(Exceptions.class, "jumpsThroughFinally", log));
        assertEquals(List.of("finally 1 f", "body 2", "finally 2 f", "finally 3 f", "loop finally 0 g", "loop finally 1 g",
                "loop finally 2 g"), log);
    }

    @Test
    void voidResultThroughAnAwaitingFinallyAndAFinallyThatOverridesTheReturn() {
        List<String> log = new ArrayList<>();
        assertNull(Rewritten.run(Exceptions.class, "voidThroughFinally", log));
        assertEquals(List.of("try", "finally v"), log);
        assertEquals("from finally", Rewritten.run(Exceptions.class, "finallyOverridesReturn"));
    }

    @Test
    void localsReadOnlyByTheCatchSurviveTheAwaitsOfTheTry() {
        assertEquals("at 2 stage=2 wide=" + (1L << 33), Rewritten.run(Exceptions.class, "liveOnlyInTheHandler"));
    }

    @Test
    void exceptionThrownAfterAResumeIsCaughtInTheSameMethod() {
        assertEquals("quotient 5 7", Rewritten.run(Exceptions.class, "throwAfterResume", new int[] {2}));
        assertEquals("caught / by zero 7 after", Rewritten.run(Exceptions.class, "throwAfterResume", new int[] {0}));
    }

    @Test
    void nestedTryBlocks() {
        assertEquals(List.of("inner 1", "inner catch inner 2", "inner finally 3", "middle finally",
                "outer catch from catch 4", "outer finally 5"), Rewritten.run(Exceptions.class, "nestedTry"));
    }

    @Test
    void tryWithResourcesClosesInReverseOrderAfterAnAwaitingBody() {
        assertEquals(List.of("open a", "open b", "body 1", "body 2", "close b", "close a"),
                Rewritten.run(Exceptions.class, "tryWithResources", false));
        assertEquals(List.of("open a", "open b", "body 1", "close b", "close a", "caught body failed"),
                Rewritten.run(Exceptions.class, "tryWithResources", true));
    }

    @Test
    void tryWithResourcesOfAnAsyncCloseableAwaitsItsClose() {
        assertEquals(List.of("body 1", "closing", "closed at 2.0", "after at 2.0"),
                Rewritten.run(Exceptions.class, "asyncWith", false));
        assertEquals(List.of("body 1", "closing", "closed at 2.0", "caught body failed at 2.0", "after at 2.0"),
                Rewritten.run(Exceptions.class, "asyncWith", true));
    }

    @Test
    void checkedExceptionLeavesTheCoroutineUnchanged() {
        IOException e = new IOException("checked");
        assertSame(e, assertThrows(IOException.class, () -> Rewritten.run(Exceptions.class, "rethrows", e)));
    }
}
