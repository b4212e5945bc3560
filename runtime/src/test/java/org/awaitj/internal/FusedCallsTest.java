package org.awaitj.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.awaitj.Coroutine;
import org.awaitj.queue.Queue;
import org.awaitj.sync.BoundedSemaphore;
import org.awaitj.sync.Event;
import org.awaitj.sync.Lock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a fused await of one of the runtime's waits links: to the direct entry beside the wait, which needs no
 * anchor (no coroutine runs) when the wait is free, else to the factory and an await. The tests pass no anchor,
 * so whatever would start a coroutine fails with a NullPointerException.
 */
class FusedCallsTest {
    private static final MethodHandles.Lookup APP = MethodHandles.lookup();

    /** The target of {@code await(receiver.name())} for a receiver of static type {@code owner}. */
    private static MethodHandle site(Class<?> owner, String name) throws ReflectiveOperationException {
        MethodHandle factory = APP.findVirtual(owner, name, MethodType.methodType(Coroutine.class));
        // the call site's target, which a virtual call's site sets on its first call: through dynamicInvoker
        MethodType type = MethodType.methodType(Object.class, owner, Coroutine.class, int.class);
        return FusedCalls.link(APP, name, type, owner, factory).dynamicInvoker();
    }

    @Test
    void aFreeLockIsTakenByItsEntryWithoutACoroutine() throws Throwable {
        Lock lock = new Lock();
        assertNull(site(Lock.class, "acquire").invoke(lock, (Coroutine<?>) null, 0));
        assertTrue(lock.isLocked());
        // held: the entry hands over to the coroutine, which needs the anchor's task
        assertThrows(NullPointerException.class, () -> site(Lock.class, "acquire").invoke(lock, (Coroutine<?>) null, 0));
    }

    @Test
    void aReceiverOfASubclassLinksToTheEntryOfItsSuperclass() throws Throwable {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        assertNull(site(BoundedSemaphore.class, "acquire").invoke(sem, (Coroutine<?>) null, 0));
        assertTrue(sem.isLocked());
    }

    @Test
    void aSetEventReturnsAtOnceAndAQueueItemComesOutOfItsEntry() throws Throwable {
        Event event = new Event();
        event.set();
        assertNull(site(Event.class, "waitAsync").invoke(event, (Coroutine<?>) null, 0));
        Queue<String> q = new Queue<>();
        q.putNowait("item");
        assertEquals("item", site(Queue.class, "get").invoke(q, (Coroutine<?>) null, 0));
        assertTrue(q.empty());
    }

    @Test
    void anOverrideInAnApplicationsSubclassTakesTheCall() throws Throwable {
        StringBuilder calls = new StringBuilder();
        Queue<String> q = new Queue<>() {
            @Override
            public Coroutine<String> get() {
                calls.append("get");
                return super.get();
            }
        };
        q.putNowait("item");
        assertThrows(NullPointerException.class, () -> site(Queue.class, "get").invoke(q, (Coroutine<?>) null, 0));
        assertEquals("get", calls.toString());
        assertFalse(q.empty());
    }

    /** A class of the same loader and of a package under org.awaitj, as an application's could be. */
    static class Greeter {
        /** What the agent would write as greet's direct entry. */
        static Object greet(Greeter g, Coroutine<?> anchor, int depth) {
            return "the entry of Greeter.greet";
        }

        Coroutine<String> greet() {
            return org.awaitj.AsyncIO.sleep(0, "greet");
        }
    }

    static class LoudGreeter extends Greeter {
        @Override
        Coroutine<String> greet() {
            return org.awaitj.AsyncIO.sleep(0, "GREET");
        }
    }

    /** Inherits greet, with its entry. */
    static class QuietGreeter extends Greeter {
    }

    /** Inherits greet too: a third class at a site that links two. */
    static class ShyGreeter extends Greeter {
    }

    @Test
    void aVirtualCallLinksOnTheReceiversClassNotOnTheStaticType() throws Throwable {
        MethodHandle site = site(Greeter.class, "greet");
        assertEquals("the entry of Greeter.greet", site.invoke(new Greeter(), (Coroutine<?>) null, 0));
        // the override has no entry: its factory runs, and the await needs the anchor's task
        assertThrows(NullPointerException.class, () -> site.invoke(new LoudGreeter(), (Coroutine<?>) null, 0));
        assertEquals("the entry of Greeter.greet", site.invoke(new Greeter(), (Coroutine<?>) null, 0));
    }

    /** Inherits greet too: a fourth class. */
    static class ShyestGreeter extends ShyGreeter {
    }

    @Test
    void aSiteLinksTwoReceiverClassesAndFindsTheOthersEntriesInItsTable() throws Throwable {
        MethodHandle site = site(Greeter.class, "greet");
        assertEquals(2, ReceiverSite.CLASSES);
        assertEquals("the entry of Greeter.greet", site.invoke(new QuietGreeter(), (Coroutine<?>) null, 0));
        assertEquals("the entry of Greeter.greet", site.invoke(new Greeter(), (Coroutine<?>) null, 0));
        for (int i = 0; i < 2; i++) {   // the first call of each class fills its row of the table, the second reads it
            assertEquals("the entry of Greeter.greet", site.invoke(new ShyGreeter(), (Coroutine<?>) null, 0));
            assertEquals("the entry of Greeter.greet", site.invoke(new ShyestGreeter(), (Coroutine<?>) null, 0));
            // an override without an entry, past the linked classes: its factory, whose await needs the anchor
            assertThrows(NullPointerException.class, () -> site.invoke(new LoudGreeter(), (Coroutine<?>) null, 0));
            assertThrows(NullPointerException.class, () -> site.invoke((Greeter) null, (Coroutine<?>) null, 0));
        }
        assertEquals("the entry of Greeter.greet", site.invoke(new QuietGreeter(), (Coroutine<?>) null, 0));
        assertEquals("the entry of Greeter.greet", site.invoke(new Greeter(), (Coroutine<?>) null, 0));
    }

    interface Waving {
        /** What the agent would write as wave's direct entry. */
        static Object wave(Waving w, Coroutine<?> anchor, int depth) {
            return "the entry of Waving.wave";
        }

        default Coroutine<String> wave() {
            return org.awaitj.AsyncIO.sleep(0, "wave");
        }
    }

    /** Overrides the default with one of its own that has no entry. */
    interface LoudWaving extends Waving {
        @Override
        default Coroutine<String> wave() {
            return org.awaitj.AsyncIO.sleep(0, "WAVE");
        }
    }

    static class Waver implements Waving {
    }

    static class LoudWaver implements LoudWaving {
    }

    /** Both interfaces: LoudWaving's default is the more specific, as the JVM selects it. */
    static class BothWaver implements Waving, LoudWaving {
    }

    static class WaverOfItsOwn extends Waver {
        @Override
        public Coroutine<String> wave() {
            return org.awaitj.AsyncIO.sleep(0, "own");
        }
    }

    @Test
    void aReceiverRunningAnInterfacesDefaultMethodLinksToThatInterfacesEntry() throws Throwable {
        MethodHandle site = site(Waving.class, "wave");
        assertEquals("the entry of Waving.wave", site.invoke(new Waver(), (Coroutine<?>) null, 0));
        // the more specific default has no entry: its factory runs, and the await needs the anchor's task
        assertThrows(NullPointerException.class, () -> site.invoke(new LoudWaver(), (Coroutine<?>) null, 0));
        assertThrows(NullPointerException.class, () -> site.invoke(new BothWaver(), (Coroutine<?>) null, 0));
        assertThrows(NullPointerException.class, () -> site.invoke(new WaverOfItsOwn(), (Coroutine<?>) null, 0));
        assertEquals("the entry of Waving.wave", site.invoke(new Waver(), (Coroutine<?>) null, 0));
    }

    @Test
    void aWaitWithoutAnEntryLinksToItsFactoryAndAnAwait() throws Throwable {
        Queue<String> q = new Queue<>();
        assertThrows(NullPointerException.class, () -> site(Queue.class, "join").invoke(q, (Coroutine<?>) null, 0));
    }

    /** An application's queue whose get counts its calls; its lookup makes the handle a super.get() site holds. */
    static class CountingQueue extends Queue<String> {
        int gets;

        @Override
        public Coroutine<String> get() {
            gets++;
            return super.get();
        }

        static MethodHandles.Lookup lookup() {
            return MethodHandles.lookup();
        }
    }

    /**
     * {@code await(super.get())} in a subclass of a queue: the runtime's entry would call the override (it dispatches
     * on the receiver's class), so the site takes the factory of Queue's own get and an await.
     */
    @Test
    void aSuperCallOfAWaitLinksToTheSuperclassFactoryNotToTheEntryThatDispatches() throws Throwable {
        MethodHandles.Lookup inside = CountingQueue.lookup();
        MethodHandle factory = inside.findSpecial(Queue.class, "get", MethodType.methodType(Coroutine.class),
                CountingQueue.class);
        MethodType type = MethodType.methodType(Object.class, Queue.class, Coroutine.class, int.class);
        MethodHandle site = FusedCalls.link(inside, "get", type, Queue.class, factory).dynamicInvoker();
        CountingQueue q = new CountingQueue();
        q.putNowait("item");
        assertThrows(NullPointerException.class, () -> site.invoke(q, (Coroutine<?>) null, 0));   // the await
        assertEquals(0, q.gets);
        assertFalse(q.empty());
    }
}
