package org.awaitj.agent.shapes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.awaitj.Coroutine;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.awaitj.io.Connection;
import org.awaitj.io.Server;
import org.awaitj.io.StreamReader;
import org.awaitj.io.StreamWriter;
import org.awaitj.queue.PriorityQueue;
import org.awaitj.queue.Queue;
import org.awaitj.queue.QueueShutDownException;
import org.awaitj.sync.BoundedSemaphore;
import org.awaitj.sync.Event;
import org.awaitj.sync.Held;
import org.awaitj.sync.Lock;
import org.awaitj.sync.Semaphore;

import static org.awaitj.AsyncIO.*;

/**
 * Awaits of the runtime's own waits ({@code lock.acquire()}, {@code queue.put(x)}, {@code reader.read(n)}...),
 * which the fused path sends to the runtime's direct entries: the waits that need not suspend, and those that
 * must, are cancelled, fail, or go to a subclass's override.
 */
public class RuntimeWaitAwaits {
    /** Every wait here is free: none suspends, so the task started first runs only once main sleeps. */
    @Async
    static Coroutine<List<String>> freeWaitsDoNotSuspend() {
        List<String> log = new ArrayList<>();
        createTask(logs(log, "other task"));
        Lock lock = new Lock();
        await(lock.acquire());
        log.add("lock " + lock.isLocked());
        Queue<Integer> q = new Queue<>(2);
        await(q.put(1));
        await(q.put(2));
        log.add("got " + await(q.get()) + " of " + (q.qsize() + 1));
        Event event = new Event();
        event.set();
        await(event.waitAsync());
        Semaphore sem = new Semaphore(2);
        await(sem.acquire());
        try (Held held = await(sem.locked())) {
            log.add("semaphore " + sem.isLocked());
        }
        log.add("semaphore " + sem.isLocked());
        try (Held held = await(new Lock().locked())) {
            log.add("held");
        }
        log.add("main done at " + getRunningLoop().time());
        await(sleep(0));
        return result(log);
    }

    @Async
    static Coroutine<Void> logs(List<String> log, String line) {
        log.add(line);
        return result();
    }

    /** A held lock: the fused waiters wait in line, first come first, and the cancelled one passes its turn on. */
    @Async
    static Coroutine<List<String>> heldLockWaitsInLine() {
        List<String> log = new ArrayList<>();
        Lock lock = new Lock();
        await(lock.acquire());
        Task<Void> first = createTask(takes(lock, log, "first"));
        Task<Void> cancelled = createTask(takes(lock, log, "cancelled"));
        Task<Void> last = createTask(takes(lock, log, "last"));
        await(sleep(1));
        cancelled.cancel();
        lock.release();
        await(gather(first, last));
        log.add("cancelled " + cancelled.isCancelled() + ", lock " + lock.isLocked());
        return result(log);
    }

    @Async
    static Coroutine<Void> takes(Lock lock, List<String> log, String name) {
        try {
            await(lock.acquire());
        } catch (CancellationException e) {
            log.add(name + " cancelled at " + getRunningLoop().time());
            throw e;
        }
        log.add(name + " at " + getRunningLoop().time());
        await(sleep(1));
        lock.release();
        return result();
    }

    /** A queue of one between two tasks: each fused put and get that finds no room or no item waits. */
    @Async
    static Coroutine<List<String>> fullAndEmptyQueueWait() {
        List<String> log = new ArrayList<>();
        Queue<Integer> q = new Queue<>(1);
        Task<Void> consumer = createTask(consumes(q, 3, log));
        for (int i = 0; i < 3; i++) {
            await(q.put(i));
            log.add("put " + i + " at " + getRunningLoop().time());
        }
        await(consumer);
        return result(log);
    }

    @Async
    static Coroutine<Void> consumes(Queue<Integer> q, int n, List<String> log) {
        for (int i = 0; i < n; i++) {
            await(sleep(1));
            log.add("got " + await(q.get()) + " at " + getRunningLoop().time());
        }
        return result();
    }

    /**
     * The waits of a queue that had to suspend, again and again (the fused path reuses their coroutines): one
     * cancelled, one that takes the item of the put it woke, one that the shutdown ends.
     */
    @Async
    static Coroutine<List<String>> queueWaitsCancelledAndShutDown() {
        List<String> log = new ArrayList<>();
        Queue<Integer> q = new Queue<>(1);
        await(q.put(0));
        Task<Void> first = createTask(putsOne(q, 1, log));
        createTask(putsOne(q, 2, log));
        await(sleep(1));
        log.add("waits in " + first.getStack()[0].getMethodName());
        first.cancel();
        await(sleep(1));
        log.add("got " + await(q.get()));
        log.add("got " + await(q.get()));
        Task<Void> getter = createTask(getsOne(q, log));
        await(sleep(1));
        q.shutdown();
        await(sleep(1));
        try {
            await(q.put(9));
        } catch (QueueShutDownException e) {
            log.add("put: " + e.getMessage() + ", getter done " + getter.isDone());
        }
        return result(log);
    }

    @Async
    static Coroutine<Void> putsOne(Queue<Integer> q, int item, List<String> log) {
        try {
            await(q.put(item));
        } catch (CancellationException e) {
            log.add("put " + item + " cancelled");
            throw e;
        }
        log.add("put " + item);
        return result();
    }

    @Async
    static Coroutine<Void> getsOne(Queue<Integer> q, List<String> log) {
        try {
            log.add("getter got " + await(q.get()));
        } catch (QueueShutDownException e) {
            log.add("getter: " + e.getMessage());
        }
        return result();
    }

    /** A subclass's put, get and acquire are what the awaits call; a PriorityQueue still orders its items. */
    @Async
    static Coroutine<String> overridesTakeTheCall() {
        CountingQueue counting = new CountingQueue();
        Queue<Integer> q = counting;     // the await sees a Queue: the entry finds the override
        await(q.put(3));
        await(q.put(1));
        int a = await(q.get());
        PriorityQueue<Integer> pq = new PriorityQueue<>();
        await(pq.put(5));
        await(pq.put(2));
        int b = await(pq.get());
        CountingSemaphore counted = new CountingSemaphore();
        Semaphore sem = counted;
        await(sem.acquire());
        BoundedSemaphore bounded = new BoundedSemaphore(1);
        await(bounded.acquire());
        return result(counting.calls + " " + a + " " + b + " " + counted.calls + " " + bounded.isLocked());
    }

    public static class CountingQueue extends Queue<Integer> {
        String calls = "";

        @Override
        public Coroutine<Void> put(Integer item) {
            calls += "p";
            return super.put(item);
        }

        @Override
        public Coroutine<Integer> get() {
            calls += "g";
            return super.get();
        }
    }

    public static class CountingSemaphore extends Semaphore {
        String calls = "";

        CountingSemaphore() {
            super(1);
        }

        @Override
        public Coroutine<Void> acquire() {
            calls += "a";
            return super.acquire();
        }
    }

    /** A put into a queue that is shut down throws at the await, with this method's line in the trace. */
    @Async
    static Coroutine<Throwable> putAfterShutdown() {
        Queue<Integer> q = new Queue<>();
        q.shutdown();
        try {
            await(q.put(1)); // SHUTDOWN LINE
        } catch (QueueShutDownException e) {
            return result(e);
        }
        return result(null);
    }

    /** An unset event: the fused wait suspends until it is set. */
    @Async
    static Coroutine<String> unsetEventWaits() {
        Event event = new Event();
        createTask(setsLater(event));
        await(event.waitAsync());
        return result("set at " + getRunningLoop().time());
    }

    @Async
    static Coroutine<Void> setsLater(Event event) {
        await(sleep(2));
        event.set();
        return result();
    }

    /**
     * A connection to an echo server: a drain with nothing to wait for, reads of bytes already buffered (each
     * gets what is there), reads that wait, lines, and the end of the stream.
     */
    @Async
    static Coroutine<List<String>> streamReadsAndDrains() throws IOException {
        Server server = await(startServer(RuntimeWaitAwaits::echo, "127.0.0.1", 0));
        Connection c = await(openConnection("127.0.0.1", server.port()));
        StreamReader reader = c.reader();
        StreamWriter writer = c.writer();
        List<String> log = new ArrayList<>();
        writer.write("hello world".getBytes(StandardCharsets.US_ASCII));
        await(writer.drain());
        StringBuilder text = new StringBuilder(new String(await(reader.readExactly(5)), StandardCharsets.US_ASCII));
        byte[] into = new byte[8];
        while (text.length() < 11) {
            // the rest is buffered already when it came in one segment, as it does on loopback; else these wait
            if (text.length() % 2 == 0) {
                text.append(new String(await(reader.read(3)), StandardCharsets.US_ASCII));
            } else {
                int n = await(reader.readInto(into, 1, 2));
                text.append(new String(into, 1, n, StandardCharsets.US_ASCII));
            }
        }
        log.add(text.toString());
        writer.write(new byte[] {'!'});
        log.add(new String(await(reader.read(10)), StandardCharsets.US_ASCII));
        writer.write("one\ntwo\n".getBytes(StandardCharsets.US_ASCII));
        String one = new String(await(reader.readLine()), StandardCharsets.US_ASCII);
        log.add(one + new String(await(reader.readLine()), StandardCharsets.US_ASCII));
        writer.writeEof();
        log.add("end " + await(reader.readInto(into, 0, 8)) + " " + await(reader.read(8)).length);
        writer.close();
        await(writer.waitClosed());
        server.close();
        await(server.waitClosed());
        return result(log);
    }

    @Async
    static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
        byte[] data;
        while ((data = await(reader.read(64))).length > 0) {
            writer.write(data);
            await(writer.drain());
        }
        writer.close();
        return result();
    }
}
