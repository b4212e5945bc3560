package org.awaitj.agent;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.awaitj.agent.shapes.RuntimeWaitAwaits;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.agent.testing.SourceLines;
import org.awaitj.queue.QueueShutDownException;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Handle;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Awaits of the runtime's waits through their direct entries ({@code await(lock.acquire())} makes no coroutine
 * when the lock is free), and the same awaits with the fused path off (the build runs this class again with
 * {@code -Dawaitj.fuse=false}): every outcome, order and loop time is the same.
 */
class RuntimeWaitAwaitTest {
    private static final boolean FUSED = !"false".equals(System.getProperty("awaitj.fuse"));

    @Test
    void freeLocksQueuesEventsAndSemaphoresDoNotSuspend() {
        assertEquals(List.of("lock true", "got 1 of 2", "semaphore true", "semaphore false", "held",
                "main done at 0.0", "other task"), Rewritten.run(RuntimeWaitAwaits.class, "freeWaitsDoNotSuspend"));
    }

    @Test
    void waitersOfAHeldLockTakeItInTurnAndACancelledOnePassesItsTurnOn() {
        assertEquals(List.of("cancelled cancelled at 1.0", "first at 1.0", "last at 2.0", "cancelled true, lock false"),
                Rewritten.run(RuntimeWaitAwaits.class, "heldLockWaitsInLine"));
    }

    @Test
    void putsIntoAFullQueueAndGetsFromAnEmptyOneWait() {
        assertEquals(List.of("put 0 at 0.0", "got 0 at 1.0", "put 1 at 1.0", "got 1 at 2.0", "put 2 at 2.0",
                "got 2 at 3.0"), Rewritten.run(RuntimeWaitAwaits.class, "fullAndEmptyQueueWait"));
    }

    @Test
    void queueWaitsThatSuspendAgainAndAgainAreCancelledAndShutDownAsAnyWait() {
        assertEquals(List.of("waits in put", "put 1 cancelled", "got 0", "put 2", "got 2",
                "getter: the queue is shut down", "put: the queue is shut down, getter done true"),
                Rewritten.run(RuntimeWaitAwaits.class, "queueWaitsCancelledAndShutDown"));
    }

    @Test
    void aSubclassesOverrideTakesTheCall() {
        assertEquals("ppg 3 2 a true", Rewritten.run(RuntimeWaitAwaits.class, "overridesTakeTheCall"));
    }

    @Test
    void aPutAfterShutdownThrowsAtTheAwaitWithItsLine() {
        Throwable e = Rewritten.run(RuntimeWaitAwaits.class, "putAfterShutdown");
        assertInstanceOf(QueueShutDownException.class, e);
        assertEquals("the queue is shut down", e.getMessage());
        String at = RuntimeWaitAwaits.class.getName() + ".putAfterShutdown(RuntimeWaitAwaits.java:"
                + SourceLines.of(RuntimeWaitAwaits.class, "SHUTDOWN LINE") + ")";
        assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(el -> el.toString().equals(at)),
                at + " in " + Arrays.toString(e.getStackTrace()));
    }

    @Test
    void anUnsetEventWaitsUntilItIsSet() {
        assertEquals("set at 2.0", Rewritten.run(RuntimeWaitAwaits.class, "unsetEventWaits"));
    }

    @Test
    void readsOfBufferedBytesDrainsAndTheEndOfTheStream() {
        assertEquals(List.of("hello world", "!", "one\ntwo\n", "end -1 0"), Rewritten.runReal(RuntimeWaitAwaits.class, "streamReadsAndDrains"));
    }

    /** Which awaits go to the runtime's entries: every await of a runtime wait's call, none with the path off. */
    @Test
    void theAwaitsOfRuntimeWaitsAreFusedSites() {
        Set<String> fused = new TreeSet<>();
        for (MethodNode m : Rewritten.classNode(RuntimeWaitAwaits.class).methods) {
            for (AbstractInsnNode n : m.instructions) {
                if (n instanceof InvokeDynamicInsnNode indy && indy.bsm.getName().equals("link")) {
                    fused.add(((Handle) indy.bsmArgs[1]).getOwner() + "." + indy.name);
                }
            }
        }
        assertEquals(FUSED ? Set.of("org/awaitj/sync/Lock.acquire", "org/awaitj/sync/Lock.locked",
                "org/awaitj/sync/Semaphore.acquire", "org/awaitj/sync/Semaphore.locked", "org/awaitj/sync/BoundedSemaphore.acquire",
                "org/awaitj/sync/Event.waitAsync", "org/awaitj/queue/Queue.put", "org/awaitj/queue/Queue.get",
                "org/awaitj/queue/PriorityQueue.put", "org/awaitj/queue/PriorityQueue.get",
                "org/awaitj/io/StreamWriter.drain", "org/awaitj/io/StreamReader.read", "org/awaitj/io/StreamReader.readInto",
                "org/awaitj/io/StreamReader.readExactly", "org/awaitj/io/StreamReader.readLine",
                "org/awaitj/io/StreamWriter.waitClosed", "org/awaitj/io/Server.waitClosed") : Set.of(), fused);
    }
}
