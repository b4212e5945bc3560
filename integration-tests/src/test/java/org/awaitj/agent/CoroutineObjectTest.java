package org.awaitj.agent;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Task;
import org.awaitj.agent.shapes.Lifecycle;
import org.awaitj.agent.testing.Rewritten;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoroutineObjectTest {
    @Test
    void callingAnAsyncMethodRunsNoneOfItsBody() {
        assertEquals(List.of("called", "slept", "child body", "child resumed", "got 7"), Rewritten.run(Lifecycle.class, "lazy"));
    }

    @Test
    void theFactoryOnlyAllocatesTheFrame() {
        List<String> log = new ArrayList<>();
        Coroutine<?> c = Rewritten.call(Rewritten.load(Lifecycle.class), "child", log);
        assertEquals(List.of(), log);
        assertEquals("org.awaitj.agent.shapes.Lifecycle$child$Coroutine", c.getClass().getName());
    }

    @Test
    void awaitingTheSameCoroutineTwiceThrowsIllegalStateException() {
        String r = Rewritten.run(Lifecycle.class, "awaitTwice");
        assertTrue(r.startsWith("7 [child body, child resumed] IllegalStateException: "), r);
        assertTrue(r.contains("Lifecycle.child"), "the message names the coroutine: " + r);
    }

    @Test
    void aSuspendedFrameHoldsOnlyItsLiveReferences() throws IllegalAccessException {
        Object dead = new Object();
        Object live = new Object();
        EventLoop loop = EventLoop.withVirtualTime();
        try {
            Coroutine<?> c = Rewritten.call(Rewritten.load(Lifecycle.class), "deadAndLive", dead, live);
            Task<?> t = loop.createTask(c);
            loop.runUntilComplete(AsyncIO.sleep(0.5));       // t is now suspended in its await
            List<Object> held = new ArrayList<>();
            for (Field f : c.getClass().getDeclaredFields()) {
                if (!f.getType().isPrimitive()) {
                    f.setAccessible(true);
                    held.add(f.get(c));
                }
            }
            assertTrue(held.stream().anyMatch(o -> o == live), "the live reference is saved");
            assertTrue(held.stream().noneMatch(o -> o == dead), "the dead reference is not kept");
            assertEquals(live.hashCode(), loop.runUntilComplete(t));
        } finally {
            loop.close();
        }
    }
}
