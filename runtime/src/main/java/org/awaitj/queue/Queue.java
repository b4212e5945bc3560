package org.awaitj.queue;

import java.util.ArrayDeque;
import java.util.Objects;

import org.awaitj.Coroutine;
import org.awaitj.internal.CoroutineSupport;
import org.awaitj.internal.HandWrittenCoroutine;
import org.awaitj.internal.LoopBound;
import org.awaitj.internal.Waiters;
import org.awaitj.sync.Event;

/**
 * A first-in, first-out queue for tasks, like {@code asyncio.Queue} (Python 3.13, with {@link #shutdown}):
 * {@link #put} suspends while the queue is full, {@link #get} while it is empty. {@link PriorityQueue} and
 * {@link LifoQueue} change the order in which items come out.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>(10);
 * await(q.put("job"));              // in a producer
 * String job = await(q.get());      // in a consumer
 * ...
 * q.taskDone();                     // the consumer is done with it
 * await(q.join());                  // until every item put was taken and done
 * }</pre>
 *
 * <p>Waiting producers and consumers are woken one at a time, first come first, as space or items appear.
 * Items are never lost to cancellation: an item stays in the queue until a {@code get} returns it, and a
 * consumer that is cancelled after being woken passes the wake-up on to the next one (likewise for
 * producers and space). Nulls are not accepted.
 *
 * <p>Not thread-safe, like asyncio's: use it from its event loop's thread only; the loop is that of the first
 * task that waits on it.
 *
 * @param <T> the type of the items
 */
public class Queue<T> extends LoopBound {
    private final int maxsize;
    private final java.util.Queue<T> items;
    /** Waiting consumers and producers, first come first; a waiter is removed as it is woken. */
    final Waiters getters = new Waiters(this);
    final Waiters putters = new Waiters(this);
    /**
     * A put and a get that the direct entries made, that completed, and that are reused by the next wait of
     * their kind: no application ever held them, and their completion is over before any code can call the
     * entries again. So a hand-off between tasks allocates nothing in steady state.
     */
    QueueTransfer.Put<Object> sparePut;
    QueueTransfer.Get<?> spareGet;
    private int unfinishedTasks;
    private final Event finished = new Event();
    boolean isShutdown;

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /** A queue that holds at most {@code maxsize} items; unbounded when {@code maxsize <= 0}. */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    /** For the subclasses: the collection decides the order of the items. */
    Queue(int maxsize, java.util.Queue<T> items) {
        this.maxsize = maxsize;
        this.items = items;
        finished.set();
    }

    /** The number of items in the queue. */
    public int qsize() {
        return items.size();
    }

    /** The maximum number of items; 0 or less means unbounded. */
    public int maxsize() {
        return maxsize;
    }

    /** Whether the queue holds no item. */
    public boolean empty() {
        return items.isEmpty();
    }

    /** Whether the queue holds {@link #maxsize()} items; never for an unbounded queue. */
    public boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /**
     * Puts an item in the queue, suspending while it is full.
     *
     * <p>Awaiting it throws {@link QueueShutDownException} once the queue is shut down, also for a producer
     * that was waiting for space.
     */
    public Coroutine<Void> put(T item) {
        return new QueueTransfer.Put<>(this, Objects.requireNonNull(item, "item"), false);
    }

    /**
     * Puts an item in the queue without suspending.
     *
     * @throws QueueFullException if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    public void putNowait(T item) {
        Objects.requireNonNull(item, "item");
        if (isShutdown) {
            throw new QueueShutDownException("the queue is shut down");
        }
        if (full()) {
            throw new QueueFullException("the queue is full (maxsize " + maxsize + ")");
        }
        items.add(item);
        unfinishedTasks++;
        finished.clear();
        getters.wakeAndRemoveNext();
    }

    /**
     * Takes an item from the queue, suspending while it is empty.
     *
     * <p>Awaiting it throws {@link QueueShutDownException} when the queue is shut down and empty, also for a
     * consumer that was waiting for an item.
     */
    public Coroutine<T> get() {
        return new QueueTransfer.Get<>(this, false);
    }

    /**
     * Takes an item from the queue without suspending.
     *
     * @throws QueueEmptyException if the queue is empty
     * @throws QueueShutDownException if the queue is empty and shut down
     */
    public T getNowait() {
        T item = items.poll();
        if (item == null) {
            if (isShutdown) {
                throw new QueueShutDownException("the queue is shut down");
            }
            throw new QueueEmptyException("the queue is empty");
        }
        putters.wakeAndRemoveNext();
        return item;
    }

    /**
     * The agent's {@code await(queue.put(item))}: an item that fits goes in with no coroutine made; else it
     * waits. A subclass's own {@code put} is called.
     */
    static Object put(Queue<Object> q, Object item, Coroutine<?> anchor, int depth) {
        if (!q.isOwnClass()) {
            return CoroutineSupport.fusedAwait(q.put(item), anchor, depth);
        }
        if (!q.full()) {
            q.putNowait(item);
            return null;
        }
        Objects.requireNonNull(item, "item");
        QueueTransfer.Put<Object> p = q.sparePut;
        if (p == null) {
            p = new QueueTransfer.Put<>(q, item, true);
        } else {
            q.sparePut = null;
            p.rearm(item);
        }
        return CoroutineSupport.fusedAwait(p, anchor, depth);
    }

    /** The agent's {@code await(queue.get())}, as {@link #put(Queue, Object, Coroutine, int)}. */
    @SuppressWarnings("unchecked")
    static Object get(Queue<?> q, Coroutine<?> anchor, int depth) {
        if (!q.isOwnClass()) {
            return CoroutineSupport.fusedAwait(q.get(), anchor, depth);
        }
        if (!q.empty()) {
            return q.getNowait();
        }
        QueueTransfer.Get<Object> g = (QueueTransfer.Get<Object>) q.spareGet;
        if (g == null) {
            g = new QueueTransfer.Get<>((Queue<Object>) q, true);
        } else {
            q.spareGet = null;
            g.rearm();
        }
        return CoroutineSupport.fusedAwait(g, anchor, depth);
    }

    private boolean isOwnClass() {
        Class<?> c = getClass();
        return c == Queue.class || c == PriorityQueue.class || c == LifoQueue.class;
    }

    /**
     * Tells the queue that an item taken from it is processed: each {@link #get} by a consumer is followed
     * by one {@code taskDone()}, and {@link #join()} returns when every item put is done.
     *
     * @throws IllegalStateException if called more times than there were items put
     */
    public void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("taskDone() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /** Suspends until every item put in the queue was taken and marked done with {@link #taskDone()}. */
    public Coroutine<Void> join() {
        return new Join(this);
    }

    /** {@link #shutdown(boolean) shutdown(false)}: puts fail from now on, gets once the queue is empty. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down, as Python 3.13's {@code Queue.shutdown}: from now on {@link #put} and
     * {@link #putNowait} throw {@link QueueShutDownException}, and so do {@link #get} and {@link #getNowait}
     * once the queue is empty. Every task waiting in {@code put} or {@code get} is woken to find out.
     *
     * @param immediate also drop the items still in the queue, each counting as done for {@link #join()}
     *     (whose waiters are then woken), so that gets throw at once
     */
    public void shutdown(boolean immediate) {
        isShutdown = true;
        if (immediate) {
            while (items.poll() != null) {
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        // every waiter re-checks, and throws QueueShutDownException where it must
        getters.wakeAndRemoveAll();
        putters.wakeAndRemoveAll();
    }

    /** Consumers waiting for an item: their futures (a woken one leaves the deque; a cancelled one when it runs). For tests. */
    int getterCount() {
        return getters.size();
    }

    /** Producers waiting for space: their futures (a woken one leaves the deque; a cancelled one when it runs). For tests. */
    int putterCount() {
        return putters.size();
    }

    /** Items put and not yet marked done (for tests). */
    int unfinishedTasks() {
        return unfinishedTasks;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName()).append(" maxsize=").append(maxsize);
        sb.append(" qsize=").append(items.size());
        if (!getters.isEmpty()) {
            sb.append(" getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks > 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        if (isShutdown) {
            sb.append(" shutdown");
        }
        return sb.append('>').toString();
    }

    /** {@code join()}: nothing to wait for when every item is done, else the {@code finished} event. */
    @HandWrittenCoroutine.Of(owner = Queue.class, method = "join")
    private static final class Join extends HandWrittenCoroutine<Void> {
        private final Queue<?> q;

        Join(Queue<?> q) {
            this.q = q;
        }

        @Override
        protected Object invokeSuspend() {
            if (q.unfinishedTasks > 0) {
                return q.finished.waitAsync();      // delegates: awaited in this coroutine's place
            }
            return complete(null);
        }
    }
}
