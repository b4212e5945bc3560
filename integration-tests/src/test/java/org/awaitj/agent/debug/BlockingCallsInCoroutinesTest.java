package org.awaitj.agent.debug;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.agent.transform.AsyncTransformer;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

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
        AsyncTransformer.Result r = AsyncTransformer.transform(bytes(Napper.class));
        assertEquals(List.of(), r.problems());
        byte[] marked = CallSiteMarks.mark(r);
        Loader loader = new Loader();
        r.generated().forEach(g -> loader.define(g.internalName().replace('/', '.'), g.bytes()));

        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(marked), loader, false, new PrintWriter(report));
        assertEquals("", report.toString());
        ClassNode cn = new ClassNode();
        new ClassReader(marked).accept(cn, 0);
        MethodNode body = cn.methods.stream().filter(m -> m.name.equals("nap") && m.desc.startsWith("(L"))
                .findFirst().orElseThrow();
        List<String> calls = new ArrayList<>();
        for (AbstractInsnNode n = body.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode call && (call.name.equals("blockingCall") || call.name.equals("sleep"))) {
                calls.add(call.owner.substring(call.owner.lastIndexOf('/') + 1) + "." + call.name);
            }
        }
        assertEquals(List.of("AsyncIO.sleep", "CoroutineSupport.blockingCall", "Thread.sleep"), calls);

        Class<?> napper = loader.define(Napper.class.getName(), marked);
        assertEquals("rested", Rewritten.runOn(EventLoop.withVirtualTime(), napper, "nap"));
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
        try (InputStream in = c.getResourceAsStream(c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the classes it is given, and takes every other from the test's loader. */
    private static final class Loader extends ClassLoader {
        Loader() {
            super(BlockingCallsInCoroutinesTest.class.getClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
