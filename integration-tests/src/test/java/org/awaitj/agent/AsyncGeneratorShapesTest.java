package org.awaitj.agent;

import java.util.ArrayList;
import java.util.List;

import org.awaitj.AsyncGenerator;
import org.awaitj.EventLoop;
import org.awaitj.agent.shapes.Generators;
import org.awaitj.agent.testing.RewritingClassLoader;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Async generators, rewritten as the agent would (every class through CheckClassAdapter, then the JVM's
 * verifier) and run on virtual time.
 */
class AsyncGeneratorShapesTest {
    private static Object run(String method, Object... args) {
        return Rewritten.run(Generators.class, method, args);
    }

    @Test
    void callingRunsNoneOfTheBodyAndIteratingRunsItAll() {
        EventLoop loop = EventLoop.withVirtualTime();
        Object log = Rewritten.runOn(loop, Rewritten.load(Generators.class), "sumAll", 3);
        assertEquals(List.of("called", "start", "emit 0", "emit 1", "emit 2", "cleanup", "sum 3"), log);
        assertEquals(4.0, loop.time(), "three awaits in the body, one in its finally");
    }

    @Test
    void closingMidwayRunsTheFinallyWhichMayAwait() {
        assertEquals(List.of("start", "emit 0", "emit 1", "cleanup", "after"), run("earlyExit"));
    }

    @Test
    void anExceptionOfTheBodyReachesTheConsumerThroughHasNext() {
        assertEquals(List.of("v0", "v1", "caught body failed"), run("bodyThrows"));
    }

    @Test
    void anExceptionOfTheConsumerClosesTheGenerator() {
        assertEquals(List.of("start", "emit 0", "emit 1", "emit 2", "cleanup", "caught consumer failed"),
                run("consumerThrows"));
    }

    @Test
    void wideLocalsAndStackValuesLiveAcrossEmits() {
        Class<?> c = Rewritten.load(Generators.class);
        assertEquals(List.of("in switch 5", "5:8.0:10", "in switch 15", "15:4.0:11", "in switch 45", "45:2.0:12",
                "end 135 1.0"), runOn(c, "collect", Rewritten.call(c, "wide", 5L, 8.0, 0)));
        assertEquals(List.of("5:8.0:9", "15:4.0:9", "45:2.0:9", "end 135 1.0"),
                runOn(c, "collect", Rewritten.call(c, "wide", 5L, 8.0, 1)));
    }

    @Test
    void aGeneratorIteratingAGeneratorClosesItWhenClosed() {
        assertEquals(List.of("start", "emit 0", "got 0", "emit 1", "got 2", "cleanup"), run("nested", 2));
        assertEquals(List.of("start", "emit 0", "got 0", "emit 1", "got 2", "emit 2", "got 4", "emit 3", "got 6",
                "emit 4", "got 8", "cleanup", "doubled done"), run("nested", 10));
    }

    @Test
    void cancellingTheConsumerCancelsTheBodysAwaitAndItsCleanupRuns() {
        assertEquals(List.of("got 1", "slow cleanup", "consumer cancelled at 6.0"), run("cancelConsumer"));
    }

    @Test
    void iteratedOnceHasNextIdempotentAndAnUnstartedGeneratorClosesWithoutRunning() {
        assertEquals(List.of("second iterator: true", "next first: true", "start", "emit 0", "twice truetrue 0",
                "cleanup", "closed, then false", "unstarted closed, then false"), run("protocol"));
    }

    @Test
    void closingThrowsGeneratorExitWhichCatchExceptionDoesNotSwallow() {
        assertEquals(List.of("stubborn: true", "finally", "closed"), run("closing"));
    }

    @Test
    void anAbandonedGeneratorIsClosedWhenItsLoopShutsDown() {
        Class<?> c = Rewritten.load(Generators.class);
        EventLoop loop = EventLoop.withVirtualTime();
        List<String> log = new ArrayList<>();
        try {
            assertEquals(0, loop.runUntilComplete(Rewritten.call(c, "abandon", log)));
            assertEquals(List.of("start", "emit 0"), log);
            loop.runUntilComplete(loop.shutdownAsyncgens());
            assertEquals(List.of("start", "emit 0", "cleanup"), log);
        } finally {
            loop.close();
        }
        Rewritten.assertNoRefusals(c);
    }

    @Test
    void emitsWithoutAwaitsNeedNoStack() {
        assertEquals(99_999L * 100_000L / 2, (long) run("sumRange", 100_000L));
    }

    @Test
    void instanceGeneratorsWithGenericValuesAndNull() {
        assertEquals(List.of("a", "b", "null"), run("instance", List.of("a", "b")));
    }

    @Test
    void returnFromInsideATryRunsTheFinallyWhichMayStillEmit() {
        Class<?> c = Rewritten.load(Generators.class);
        assertEquals(List.of("a", "from finally"), runOn(c, "collect", Rewritten.call(c, "returnInTry", true)));
        assertEquals(List.of("a", "b", "from finally"), runOn(c, "collect", Rewritten.call(c, "returnInTry", false)));
    }

    @Test
    void interfaceDefaultGeneratorsAndNewObjectsAcrossAnAwaitInsideEmit() {
        assertEquals(List.of("x!", "x?"), run("fromInterface"));
    }

    @Test
    void theGeneratorIsItsFrameAndNamesItsMethod() {
        Class<?> c = Rewritten.load(Generators.class);
        Object g = Rewritten.call(c, "range", 3L);
        assertInstanceOf(AsyncGenerator.class, g);
        assertEquals("<async generator Generators.range not started>", g.toString());
        RewritingClassLoader l = (RewritingClassLoader) c.getClassLoader();
        assertTrue(l.generated.contains(Generators.class.getName() + "$range$Coroutine"), l.generated.toString());
    }

    private static Object runOn(Class<?> c, String method, Object... args) {
        return Rewritten.runOn(EventLoop.withVirtualTime(), c, method, args);
    }
}
