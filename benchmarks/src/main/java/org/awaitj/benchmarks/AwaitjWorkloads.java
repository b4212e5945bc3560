package org.awaitj.benchmarks;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.gather;
import static org.awaitj.AsyncIO.getRunningLoop;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.sleep;

import java.util.ArrayList;
import java.util.List;
import org.awaitj.Coroutine;
import org.awaitj.Future;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.awaitj.queue.Queue;
import org.awaitj.sync.Lock;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.infra.Blackhole;

/** The awaitj side of every workload: {@code @Async} methods, rewritten by the agent in the benchmark JVMs. */
public final class AwaitjWorkloads {
    private AwaitjWorkloads() {
    }

    // (1) await of an @Async call that returns without suspending

    /** Could suspend (so it is a real state machine), but with {@code suspend == false} returns at once. */
    @Async
    static Coroutine<Object> leaf(Object x, boolean suspend) {
        if (suspend) {
            await(sleep(0));
        }
        return result(x);
    }

    /** {@link #leaf} that the JIT may not inline (JMH's CompilerHints): its frame must really be allocated. */
    @Async
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static Coroutine<Object> leafNotInlined(Object x, boolean suspend) {
        if (suspend) {
            await(sleep(0));
        }
        return result(x);
    }

    @Async
    static Coroutine<Void> awaitLeaves(int n, Object x, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(leaf(x, false)));
        }
        return result();
    }

    @Async
    static Coroutine<Void> awaitLeavesNotInlined(int n, Object x, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(leafNotInlined(x, false)));
        }
        return result();
    }

    /**
     * {@link #leaf} behind a virtual call (an override could take it): the fused site links on the class of its
     * first receiver, to the direct entry of the method that class runs.
     */
    public static class Leaves implements Leaf {
        @Override
        @Async
        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        public Coroutine<Object> leaf(Object x, boolean suspend) {
            if (suspend) {
                await(sleep(0));
            }
            return result(x);
        }
    }

    /** The interface of {@link Leaves#leaf}, for a fused site of an interface call. */
    public interface Leaf {
        @Async
        Coroutine<Object> leaf(Object x, boolean suspend);
    }

    /** Subclasses that override nothing: receivers of other classes than Leaves, for {@link #awaitLeavesUnlinked}. */
    public static class OtherLeaves extends Leaves {
    }

    public static class MoreLeaves extends Leaves {
    }

    public static class LastLeaves extends Leaves {
    }

    /** {@code await(super.leaf(...))}: the super call names its target, so its site links to Leaves' entry. */
    public static class SuperCaller extends Leaves {
        @Async
        Coroutine<Void> awaitSuperLeaves(int n, Object x, Blackhole bh) {
            for (int i = 0; i < n; i++) {
                bh.consume(await(super.leaf(x, false)));
            }
            return result();
        }
    }

    @Async
    static Coroutine<Void> awaitLeavesNotLinked(int n, Object x, Leaves leaves, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(leaves.leaf(x, false)));
        }
        return result();
    }

    /** Receivers of two classes in turn at one site: both linked. */
    @Async
    static Coroutine<Void> awaitLeavesTwoClasses(int n, Object x, Leaves a, Leaves b, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(((i & 1) == 0 ? a : b).leaf(x, false)));
        }
        return result();
    }

    /**
     * The site's first receivers ever are {@code first} and {@code second}, of two other classes than
     * {@code leaves}: the site links those two behind class tests, and every later await finds the entry for
     * {@code leaves}' class through the method's virtual bridge (that of Leaves, which a subclass inherits).
     */
    @Async
    static Coroutine<Void> awaitLeavesUnlinked(int n, Object x, Leaves first, Leaves second, Leaves leaves, Blackhole bh) {
        for (int i = -2; i < n; i++) {
            bh.consume(await((i == -2 ? first : i == -1 ? second : leaves).leaf(x, false)));
        }
        return result();
    }

    /** As {@link #awaitLeavesUnlinked}, through the interface. */
    @Async
    static Coroutine<Void> awaitLeafUnlinked(int n, Object x, Leaf first, Leaf second, Leaf leaf, Blackhole bh) {
        for (int i = -2; i < n; i++) {
            bh.consume(await((i == -2 ? first : i == -1 ? second : leaf).leaf(x, false)));
        }
        return result();
    }

    /** A chain {@code depth} deep that never suspends (it could, at the bottom): each level adds one. */
    @Async
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static Coroutine<Integer> flatChain(int depth, boolean suspend) {
        if (depth == 1) {
            if (suspend) {
                await(sleep(0));
            }
            return result(1);
        }
        return result(await(flatChain(depth - 1, suspend)) + 1);
    }

    @Async
    static Coroutine<Void> flatChains(int n, int depth, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(flatChain(depth, false)));
        }
        return result();
    }

    /** {@link #flatChain} through virtual calls, fused on the receiver's class. */
    public static class Chains {
        @Async
        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        Coroutine<Integer> chain(int depth, boolean suspend) {
            if (depth == 1) {
                if (suspend) {
                    await(sleep(0));
                }
                return result(1);
            }
            return result(await(chain(depth - 1, suspend)) + 1);
        }
    }

    @Async
    static Coroutine<Void> flatChainsNotLinked(int n, int depth, Chains chains, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(chains.chain(depth, false)));
        }
        return result();
    }

    @Async
    static Coroutine<Void> chainsNotLinked(int n, int depth, Chains chains, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(chains.chain(depth, true)));
        }
        return result();
    }

    // (2) suspend/resume: two tasks ping-ponging with sleep(0)

    @Async
    static Coroutine<Void> yielder(int n) {
        for (int i = 0; i < n; i++) {
            await(sleep(0));
        }
        return result();
    }

    @Async
    static Coroutine<Void> pingPong(int n) {
        Task<Void> a = createTask(yielder(n));
        Task<Void> b = createTask(yielder(n));
        await(a);
        await(b);
        return result();
    }

    // (3) a bounded queue of size 1 between a producer task and a consumer task

    @Async
    static Coroutine<Void> producer(Queue<Object> q, int n, Object item) {
        for (int i = 0; i < n; i++) {
            await(q.put(item));
        }
        return result();
    }

    @Async
    static Coroutine<Void> consumer(Queue<Object> q, int n, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(q.get()));
        }
        return result();
    }

    @Async
    static Coroutine<Void> handOff(int n, Object item, Blackhole bh) {
        Queue<Object> q = new Queue<>(1);
        Task<Void> p = createTask(producer(q, n, item));
        Task<Void> c = createTask(consumer(q, n, bh));
        await(p);
        await(c);
        return result();
    }

    // (10c) two tasks taking turns on a lock: each holds it across a sleep(0), so that every acquire but the
    // first waits for the other task's release

    @Async
    static Coroutine<Void> lockTurns(int n, Blackhole bh) {
        Lock lock = new Lock();
        Task<Void> a = createTask(takesTurns(lock, n / 2, bh));
        Task<Void> b = createTask(takesTurns(lock, n / 2, bh));
        await(a);
        await(b);
        return result();
    }

    @Async
    static Coroutine<Void> takesTurns(Lock lock, int n, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            await(lock.acquire());
            await(sleep(0));
            bh.consume(lock.isLocked());
            lock.release();
        }
        return result();
    }

    // (10) a free lock acquired and released; (11) a queue's put and get, neither waiting

    @Async
    static Coroutine<Void> freeLock(Lock lock, int n, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            await(lock.acquire());
            bh.consume(lock.isLocked());
            lock.release();
        }
        return result();
    }

    @Async
    static Coroutine<Void> freeQueue(Queue<Object> q, int n, Object item, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            await(q.put(item));
            bh.consume(await(q.get()));
        }
        return result();
    }

    // (4) create, run and await an empty task

    @Async
    static Coroutine<Object> empty() {
        return result(null);
    }

    @Async
    static Coroutine<Void> spawnAwait(int n) {
        for (int i = 0; i < n; i++) {
            await(createTask(empty()));
        }
        return result();
    }

    // (5) gather of 1,000 tasks

    @Async
    static Coroutine<List<Object>> gatherEmpty(int k) {
        List<Coroutine<Object>> coros = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            coros.add(empty());
        }
        return result(await(gather(coros)));
    }

    // (6) a million tasks sleeping random durations up to 1 s, on the real clock

    @Async
    static Coroutine<Void> sleeper(double seconds) {
        await(sleep(seconds));
        return result();
    }

    @Async
    static Coroutine<Void> sleepers(int[] millis) {
        Task<?>[] tasks = new Task<?>[millis.length];
        for (int i = 0; i < millis.length; i++) {
            tasks[i] = createTask(sleeper(millis[i] / 1000.0));
        }
        for (Task<?> t : tasks) {
            await(t);
        }
        return result();
    }

    // (7) heap per parked task: a million tasks awaiting one future

    @Async
    static Coroutine<Object> waiter(Future<Object> f) {
        return result(await(f));
    }

    @Async
    static Coroutine<Void> parked(int n, HeapMeter meter) {
        meter.before();
        Future<Object> f = getRunningLoop().createFuture();
        for (int i = 0; i < n; i++) {
            createTask(waiter(f));
        }
        await(sleep(0));        // every task has run to its await and parked on f
        meter.parked();
        f.setResult(null);
        f = null;
        await(sleep(0));        // every task woke up and finished
        await(sleep(0));
        meter.after();
        return result();
    }

    // (8) an await chain 10 deep that suspends at the bottom

    @Async
    static Coroutine<Integer> chain(int depth) {
        if (depth == 1) {
            await(sleep(0));
            return result(1);
        }
        return result(await(chain(depth - 1)) + 1);
    }

    @Async
    static Coroutine<Void> chains(int n, int depth, Blackhole bh) {
        for (int i = 0; i < n; i++) {
            bh.consume(await(chain(depth)));
        }
        return result();
    }
}
