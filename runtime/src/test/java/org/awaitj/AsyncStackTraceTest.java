package org.awaitj;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stack traces cross task boundaries: below a task's own frames come the coroutines that awaited it. */
class AsyncStackTraceTest {
    @Async
    Coroutine<Integer> parse(String s) {
        await(sleep(0.01));
        return result(Integer.parseInt(s)); // parse
    }

    @Async
    Coroutine<Integer> viaTask(String s) {
        Task<Integer> t = createTask(parse(s));
        return result(await(t)); // await task
    }

    @Async
    Coroutine<Integer> outer(String s) {
        return result(await(viaTask(s)) + 1); // await inline
    }

    @Async
    Coroutine<Integer> viaDoneTask() {
        Task<Integer> t = createTask(parse("y"));
        await(sleep(1));
        return result(await(t)); // await done task
    }

    @Async
    Coroutine<List<Integer>> viaGather() {
        return result(await(gather(createTask(parse("z"))))); // await gather
    }

    /** A task's root whose callee throws after a resume: the exception leaves the task from the root's frame. */
    @Async
    Coroutine<Integer> parseBelow(String s) {
        return result(await(parse(s))); // root awaits
    }

    @Async
    Coroutine<Integer> viaTaskTwoDeep(String s) {
        return result(await(createTask(parseBelow(s)))); // await two deep
    }

    @Async
    Coroutine<Integer> viaDoneTaskTwoDeep() {
        Task<Integer> t = createTask(parseBelow("v"));
        await(sleep(1));
        return result(await(t)); // await done two deep
    }

    @Async
    Coroutine<List<Integer>> viaGatherTwoDeep() {
        return result(await(gather(createTask(parseBelow("w"))))); // gather two deep
    }

    @Async
    Coroutine<Void> sleeper() {
        await(sleep(10)); // child sleeps
        return result();
    }

    @Async
    Coroutine<String> parent() {
        Task<Void> child = createTask(sleeper(), "child");
        Task<String> probe = createTask(stackOf(child));
        try {
            await(child); // parent awaits
        } catch (CancellationException e) {
            // the probe cancels the child once it has its stack
        }
        return result(await(probe));
    }

    @Async
    Coroutine<String> stackOf(Task<?> t) {
        await(sleep(1));
        String stack = ours(t.getStack()).toString();
        t.cancel();
        return result(stack);
    }

    private static final List<String> COROUTINES = List.of("parse", "viaTask", "outer", "viaDoneTask", "viaGather",
            "sleeper", "parent", "parseBelow", "viaTaskTwoDeep", "viaDoneTaskTwoDeep", "viaGatherTwoDeep");

    private static List<String> ours(StackTraceElement[] trace) {
        return Arrays.stream(trace)
                .filter(e -> e.getClassName().equals(AsyncStackTraceTest.class.getName())
                        && COROUTINES.contains(e.getMethodName()))
                .map(e -> e.getMethodName() + ":" + e.getLineNumber())
                .toList();
    }

    private static String line(String marker) {
        return ":" + Reports.lineOf(AsyncStackTraceTest.class, marker);
    }

    private static void assertEveryFrameHasALine(Throwable e) {
        for (StackTraceElement el : e.getStackTrace()) {
            assertTrue(el.getLineNumber() >= 0 || el.isNativeMethod(), "a frame without a line: " + el + " in\n" + trace(e));
        }
    }

    private static String trace(Throwable e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        e.printStackTrace(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anExceptionFromATaskCarriesTheCoroutinesThatAwaitedIt() {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> AsyncIO.run(outer("x")));
        assertEquals(List.of("parse" + line("parse"), "viaTask" + line("await task"), "outer" + line("await inline")),
                ours(e.getStackTrace()), trace(e));
        assertEveryFrameHasALine(e);
    }

    @Test
    void awaitingATaskThatFailedAlreadyAddsTheAwaitingLine() {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> AsyncIO.run(viaDoneTask()));
        assertEquals(List.of("parse" + line("parse"), "viaDoneTask" + line("await done task")), ours(e.getStackTrace()), trace(e));
        assertEveryFrameHasALine(e);
    }

    @Test
    void throughAGatherToo() {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> AsyncIO.run(viaGather()));
        assertEquals(List.of("parse" + line("parse"), "viaGather" + line("await gather")), ours(e.getStackTrace()), trace(e));
        assertEveryFrameHasALine(e);
    }

    /** The finished task's root no longer names the task; its awaiters still come below it. */
    @Test
    void aTaskWhoseRootPassedTheExceptionOnCarriesItsAwaitersToo() {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> AsyncIO.run(viaTaskTwoDeep("x")));
        assertEquals(List.of("parse" + line("parse"), "parseBelow" + line("root awaits"),
                "viaTaskTwoDeep" + line("await two deep")), ours(e.getStackTrace()), trace(e));
        e = assertThrows(NumberFormatException.class, () -> AsyncIO.run(viaDoneTaskTwoDeep()));
        assertEquals(List.of("parse" + line("parse"), "parseBelow" + line("root awaits"),
                "viaDoneTaskTwoDeep" + line("await done two deep")), ours(e.getStackTrace()), trace(e));
        e = assertThrows(NumberFormatException.class, () -> AsyncIO.run(viaGatherTwoDeep()));
        assertEquals(List.of("parse" + line("parse"), "parseBelow" + line("root awaits"),
                "viaGatherTwoDeep" + line("gather two deep")), ours(e.getStackTrace()), trace(e));
        assertEveryFrameHasALine(e);
    }

    @Test
    void getStackOfAnAwaitedTaskShowsTheAwaiterBelowIt() {
        assertEquals(List.of("sleeper" + line("child sleeps"), "parent" + line("parent awaits")).toString(),
                AsyncIO.run(parent()));
    }
}
