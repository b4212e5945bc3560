package org.awaitj;

import java.util.Arrays;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AwaitChainInStackTraceTest {
    // the line numbers below are asserted: keep these methods where they are, or update the test
    @Async
    Coroutine<String> inner() {
        await(sleep(1));
        throw new IllegalStateException("after a resume");     // line 18
    }

    @Async
    Coroutine<String> middle() {
        String s = await(inner());                               // line 23
        return result(s);
    }

    @Async
    Coroutine<String> outer() {
        return result(await(middle()) + "!");                    // line 29
    }

    private static String at(StackTraceElement e) {
        return e.getMethodName() + ":" + e.getLineNumber();
    }

    @Test
    void anExceptionThrownAfterAResumeShowsTheAwaitChainWithLines() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EventLoop.withVirtualTime().runUntilComplete(outer()));
        List<String> ours = Arrays.stream(e.getStackTrace())
                .filter(x -> x.getClassName().equals(AwaitChainInStackTraceTest.class.getName()))
                .filter(x -> List.of("inner", "middle", "outer").contains(x.getMethodName()))
                .map(AwaitChainInStackTraceTest::at)
                .toList();
        assertEquals(List.of("inner:18", "middle:23", "outer:29"), ours);
    }
}
