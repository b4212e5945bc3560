package org.awaitj.queue;

import org.awaitj.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100,000 items through a queue of 10 between several producers and consumers, while a chaos task cancels
 * consumers and producers at random and starts replacements: every item must arrive exactly once (a
 * cancelled consumer loses no item, a cancelled producer puts nothing) and no waiter future may be left.
 */
class QueueStressTest {
    private static final int ITEMS = 100_000;
    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 6;

    private final Random random = new Random(20240611L);
    private final Queue<Integer> queue = new Queue<>(10);
    private final int[] received = new int[ITEMS];
    private int receivedTotal;
    /** Per producer, how many of its items (producer p owns p, p + PRODUCERS, ...) are in the queue already. */
    private final int[] produced = new int[PRODUCERS];
    private final Task<?>[] consumers = new Task<?>[CONSUMERS];
    private final Task<?>[] producers = new Task<?>[PRODUCERS];
    private final List<Task<?>> everyTask = new ArrayList<>();
    private int consumersCancelled;
    private int producersCancelled;

    private static int itemsOf(int producer) {
        return (ITEMS - producer + PRODUCERS - 1) / PRODUCERS;
    }

    @Async
    Coroutine<Void> consumer() {
        for (;;) {
            Integer item;
            try {
                item = await(queue.get());
            } catch (QueueShutDownException e) {
                return result();
            }
            received[item]++;           // recorded before the next await: a cancellation cannot come between
            receivedTotal++;
            queue.taskDone();
            if (random.nextInt(4) == 0) {
                await(sleep(0));
            }
        }
    }

    @Async
    Coroutine<Void> producer(int p) {
        int n = itemsOf(p);
        while (produced[p] < n) {
            await(queue.put(p + produced[p] * PRODUCERS));
            produced[p]++;              // put completed: counted before the next await
            if (random.nextInt(3) == 0) {
                await(sleep(0));
            }
        }
        return result();
    }

    private boolean producing() {
        for (int p = 0; p < PRODUCERS; p++) {
            if (produced[p] < itemsOf(p)) {
                return true;
            }
        }
        return false;
    }

    private <T> Task<T> track(Task<T> t) {
        everyTask.add(t);
        return t;
    }

    @Async
    Coroutine<Void> chaos() {
        while (producing()) {
            await(sleep(0));
            if (random.nextInt(3) == 0) {
                int c = random.nextInt(CONSUMERS);
                if (consumers[c].cancel()) {
                    consumersCancelled++;
                }
                consumers[c] = track(createTask(consumer()));
            }
            if (random.nextInt(20) == 0) {
                int p = random.nextInt(PRODUCERS);
                if (!producers[p].isDone() && producers[p].cancel()) {
                    producersCancelled++;
                    producers[p] = track(createTask(producer(p)));   // goes on from the item not put
                }
            }
        }
        return result();
    }

    @Async
    Coroutine<Void> main() {
        for (int c = 0; c < CONSUMERS; c++) {
            consumers[c] = track(createTask(consumer()));
        }
        for (int p = 0; p < PRODUCERS; p++) {
            producers[p] = track(createTask(producer(p)));
        }
        await(chaos());
        await(queue.join());
        assertEquals(ITEMS, receivedTotal);
        for (int i = 0; i < ITEMS; i++) {
            assertEquals(1, received[i], "item " + i);
        }
        await(sleep(0));
        await(sleep(0));
        // every cancelled task has cleaned up: the only waiters are the live consumers, one future each
        int live = 0;
        for (Task<?> t : everyTask) {
            if (!t.isDone()) {
                live++;
            }
        }
        assertEquals(CONSUMERS, live);
        assertEquals(CONSUMERS, queue.getterCount());
        assertEquals(0, queue.putterCount());
        assertEquals(0, queue.qsize());
        queue.shutdown();
        await(gather(true, everyTask.toArray(new Task<?>[0])));
        assertEquals(0, queue.getterCount());
        assertEquals(0, queue.putterCount());
        assertEquals(0, queue.unfinishedTasks());
        return result();
    }

    @Test
    void everyItemArrivesExactlyOnceDespiteRandomCancellations() {
        EventLoop loop = EventLoop.withVirtualTime();
        loop.runUntilComplete(main());
        assertTrue(consumersCancelled > 1000, "consumers cancelled: " + consumersCancelled);
        assertTrue(producersCancelled > 100, "producers cancelled: " + producersCancelled);
        for (Task<?> t : everyTask) {
            assertTrue(t.isDone());
            if (!t.isCancelled()) {
                assertEquals(null, t.exception());
            }
        }
    }
}
