package org.awaitj.agent.debug;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A coroutine class is rewritten and has its blocking calls marked in one write, as the agent does it: the
 * result verifies, the report comes right before the blocking call in the body, and the class loads and runs.
 */
class BlockingCallsInCoroutinesTest {
    static final class Napper {
        @Async
        static Coroutine<String> nap() throws InterruptedException {
            await(sleep(0));
            Thread.sleep(1);
            return result("rested");
        }
    }

    static final class Awake {
        @Async
        static Coroutine<String> run() {
            await(sleep(0));
            return result("awake");
        }
    }

    /** Only transformed: the agent refuses an @Async method that does not return a Coroutine. */
    static final class Refused {
        @Async
        static String blocking() throws InterruptedException {
            Thread.sleep(1);
            return "y";
        }
    }

    static final class RefusedQuiet {
        @Async
        static String notACoroutine() {
            return "x";
        }
    }

    @Test
    void aCoroutineClassIsRewrittenAndMarkedInOneWrite() throws Exception {
        MarkedClass napper = new MarkedClass(Napper.class);
        MethodNode body = napper.body("nap");
        List<String> calls = new ArrayList<>();
        for (AbstractInsnNode n = body.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode call && (call.name.equals("blockingCall") || call.name.equals("sleep"))) {
                calls.add(call.owner.substring(call.owner.lastIndexOf('/') + 1) + "." + call.name);
            }
        }
        assertEquals(List.of("AsyncIO.sleep", "CoroutineSupport.blockingCall", "Thread.sleep"), calls);

        assertEquals("rested", Rewritten.runOn(EventLoop.withVirtualTime(), napper.load(), "nap"));
    }

    @Test
    void withoutBlockingCallsTheClassIsWrittenAsRewritten() throws IOException {
        AsyncTransformer.Result r = AsyncTransformer.transform(bytes(Awake.class));
        assertArrayEquals(r.bytes(), CallSiteMarks.mark(r));
    }

    @Test
    void aClassWhoseMethodsWereRefusedIsMarkedOnlyWhenItBlocks() throws IOException {
        AsyncTransformer.Result blocking = AsyncTransformer.transform(bytes(Refused.class));
        assertEquals(1, blocking.problems().size(), blocking.problems().toString());
        assertNull(blocking.bytes());
        assertNotNull(CallSiteMarks.mark(blocking), "Refused.blocking calls Thread.sleep");

        AsyncTransformer.Result quiet = AsyncTransformer.transform(bytes(RefusedQuiet.class));
        assertEquals(1, quiet.problems().size(), quiet.problems().toString());
        assertNull(CallSiteMarks.mark(quiet));
    }

    private static byte[] bytes(Class<?> c) throws IOException {
        return MarkedClass.bytes(c);
    }
}
