package org.awaitj;


import java.time.Duration;

import org.awaitj.io.Connection;
import org.awaitj.io.ConnectionHandler;
import org.awaitj.io.Server;
import org.awaitj.io.Subprocess;
import org.awaitj.process.ProcessPoolExecutor;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;

/**
 * The verbs of asyncio, as static methods: {@code import static org.awaitj.AsyncIO.*;}.
 *
 * <p>{@link #await} and {@link #result} are rewritten by the awaitj agent inside {@code @Async} methods; what
 * is written here is what they do anywhere else.
 */
public final class AsyncIO {
    private AsyncIO() {
    }

    /**
     * Runs {@code main} on a new event loop on the calling thread and returns its result, like
     * {@code asyncio.run}: on the way out it cancels the tasks still pending and lets them finish, waits for the
     * default executor, and closes the loop. Main's exception is rethrown unchanged.
     */
    public static <T> T run(Coroutine<T> main) {
        return run(main, Boolean.getBoolean("awaitj.debug"));
    }

    /** {@link #run(Coroutine)} with debug mode on or off. */
    public static <T> T run(Coroutine<T> main, boolean debug) {
        return Runner.runMain(main, debug);
    }

    /**
     * Suspends the calling coroutine until {@code awaitable} is done, and returns its value or throws its
     * exception unchanged. Only inside an {@code @Async} method rewritten by the awaitj agent.
     */
    public static <T> T await(Awaitable<T> awaitable) {
        throw NotRewritten.error("await", "@Async method", "Coroutine<T> (a lambda or a method that is not @Async cannot await)");
    }

    /** {@link #await(Awaitable)} for a {@link CompletionStage} completed by any thread. */
    public static <T> T await(CompletionStage<T> stage) {
        throw NotRewritten.error("await", "@Async method", "Coroutine<T> (a lambda or a method that is not @Async cannot await)");
    }

    /**
     * Inside an async generator (an {@code @Async} method returning {@link AsyncGenerator}): hands {@code value}
     * to the consumer and suspends the generator until the consumer asks for the next one (Python's
     * {@code yield}). Anywhere else it throws.
     */
    public static <T> void emit(T value) {
        throw NotRewritten.error("emit", "async generator method", "AsyncGenerator<T> (emit cannot be used in a lambda "
                + "or in a method returning Coroutine)");
    }

    /** {@code return finish();} ends an async generator. Anywhere else it throws. */
    public static <T> AsyncGenerator<T> finish() {
        throw NotRewritten.error("finish", "async generator method", "AsyncGenerator<T>");
    }

    /**
     * The elements of a {@link Flow.Publisher} as an {@link AsyncIterable}: each iteration subscribes, requests
     * 16 elements and 8 more each time 8 were taken (so the publisher never runs further ahead than that), and
     * cancels the subscription when closed. Iterate it on a running loop; the publisher may signal from any
     * thread.
     */
    public static <T> AsyncIterable<T> fromPublisher(Flow.Publisher<T> publisher) {
        return fromPublisher(publisher, 16);
    }

    /** {@link #fromPublisher(Flow.Publisher)} buffering up to {@code batch} elements (1 requests one at a time). */
    public static <T> AsyncIterable<T> fromPublisher(Flow.Publisher<T> publisher, int batch) {
        return PublisherIterable.of(publisher, batch);
    }

    /**
     * A {@link Flow.Publisher} of the elements of {@code source}, iterated on the running loop: any thread may
     * subscribe; each subscription iterates {@code source} anew, in a task of its own, as fast as the
     * subscriber's {@code request(n)} allow, and {@code cancel()} closes the iteration. Signals to one
     * subscriber come from the loop's thread, one at a time.
     */
    public static <T> Flow.Publisher<T> toPublisher(AsyncIterable<T> source) {
        return new IterablePublisher<>(getRunningLoop(), source);
    }

    /**
     * {@code return result(value);} completes an {@code @Async} method with a value. Outside one (the agent
     * rewrites it inside), a coroutine that completes at once with {@code value}; refused in an {@code @Async}
     * method whose class was not rewritten, whose body has just run in the wrong place.
     */
    public static <T> Coroutine<T> result(T value) {
        NotRewritten.checkResultCaller();
        return new ImmediateResult<>(value);
    }

    /** {@code return result();} completes an {@code @Async Coroutine<Void>} method. */
    public static Coroutine<Void> result() {
        NotRewritten.checkResultCaller();
        return new ImmediateResult<>(null);
    }

    /** Suspends for {@code seconds}; {@code sleep(0)} lets the other ready tasks run once. */
    public static Coroutine<Void> sleep(double seconds) {
        return seconds == 0 ? Sleep.YIELD : Sleep.of(seconds, null);
    }

    /** Suspends for a duration. */
    public static Coroutine<Void> sleep(Duration duration) {
        return Sleep.of(duration.toNanos() / 1e9, null);
    }

    /** Suspends for {@code seconds}, then yields {@code value}. */
    public static <T> Coroutine<T> sleep(double seconds, T value) {
        return Sleep.of(seconds, value);
    }

    /** Schedules a coroutine as a task of the running loop. */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return getRunningLoop().createTask(coro);
    }

    /** Schedules a coroutine as a named task of the running loop. */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return getRunningLoop().createTask(coro, name);
    }

    /**
     * Creates an eager task of the running loop (asyncio's {@code eager_start}): the coroutine runs at once,
     * inside this call, until it first suspends; one that finishes without suspending is done when this returns,
     * and never goes through the ready queue. Otherwise it is a task like any other.
     */
    public static <T> Task<T> createEagerTask(Coroutine<T> coro) {
        return getRunningLoop().createTask(coro, null, true);
    }

    /** {@link #createEagerTask(Coroutine)} with a name. */
    public static <T> Task<T> createEagerTask(Coroutine<T> coro, String name) {
        return getRunningLoop().createTask(coro, name, true);
    }

    /**
     * Runs the awaitables concurrently (coroutines become tasks) and completes with their results in argument
     * order. The first exception propagates to the awaiter; the other children keep running. Cancelling the
     * gather cancels the children.
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Awaitable<? extends T>... awaitables) {
        return gather(Arrays.asList(awaitables));
    }

    /** {@link #gather(Awaitable[])} over a list. */
    public static <T> Future<List<T>> gather(List<? extends Awaitable<? extends T>> awaitables) {
        return Gather.of(getRunningLoop(), false, awaitables);
    }

    /**
     * With {@code returnExceptions} true, every child runs to the end and a failed child's slot holds its
     * {@link Throwable} (a {@link CancellationException} for a cancelled one).
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... awaitables) {
        return Gather.of(getRunningLoop(), returnExceptions, Arrays.asList(awaitables));
    }

    /** Runs blocking code on the loop's default thread pool, in the caller's context; the loop stays free. */
    public static <T> Future<T> toThread(Callable<T> fn) {
        return ForeignFuture.toThread(getRunningLoop(), fn);
    }

    /**
     * Runs {@code fn} on {@code executor}, in the caller's context (its {@link ContextVar}s and bridged
     * thread-locals; not for a {@link ProcessPoolExecutor}, whose workers are other JVMs), and returns a future
     * of its result on the running loop. Cancelling
     * the future interrupts the worker, if it has started (for a {@link ProcessPoolExecutor}: kills the worker
     * process running it, or drops it from the queue).
     */
    public static <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
        return ForeignFuture.inExecutor(getRunningLoop(), executor, fn);
    }

    /** {@link #wait}: as soon as any awaitable is done. */
    public static final ReturnWhen FIRST_COMPLETED = ReturnWhen.FIRST_COMPLETED;
    /** {@link #wait}: as soon as any awaitable fails, else when all are done. */
    public static final ReturnWhen FIRST_EXCEPTION = ReturnWhen.FIRST_EXCEPTION;
    /** {@link #wait}: when all are done. */
    public static final ReturnWhen ALL_COMPLETED = ReturnWhen.ALL_COMPLETED;

    /**
     * Awaits {@code awaitable} for at most {@code seconds}: on expiry it is cancelled, its cancellation is
     * awaited, and {@link TimeoutException} is thrown. A coroutine is wrapped in a task first.
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, double seconds) throws TimeoutException {
        return new WaitFor<>(awaitable, seconds);
    }

    /**
     * A block with a deadline: {@code try (Timeout t = timeout(1.0)) { ... } catch (TimeoutException e)}. Past
     * the deadline the task is cancelled, and the end of the block turns that cancellation into a
     * {@link TimeoutException}.
     */
    public static Timeout timeout(double seconds) {
        return new Timeout(getRunningLoop().time() + seconds, "timeout(" + seconds + ")");
    }

    /** {@link #timeout(double)} with a deadline in loop time ({@link EventLoop#time()}). */
    public static Timeout timeoutAt(double when) {
        return new Timeout(when, "timeoutAt(" + when + ")");
    }

    /**
     * A future that follows {@code awaitable} but shields it from cancellation: cancelling the awaiter cancels
     * the shield only, and the inner task runs on.
     */
    public static <T> Future<T> shield(Awaitable<T> awaitable) {
        return Shield.of(getRunningLoop(), awaitable);
    }

    /**
     * One future per awaitable, in completion order: {@code for (Future<T> f : asCompleted(aws)) await(f);}
     * gets the earliest result first. {@link AsCompleted#originals()} iterates the awaitables' own tasks instead.
     */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends Awaitable<? extends T>> awaitables) {
        return asCompleted(awaitables, Double.POSITIVE_INFINITY);
    }

    /** {@link #asCompleted(Collection)}; futures not completed within {@code seconds} fail with TimeoutException. */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends Awaitable<? extends T>> awaitables,
            double seconds) {
        return AsCompleted.of(getRunningLoop(), awaitables, seconds);
    }

    /**
     * Waits until {@code when} says (any done, any failed, all done) or the timeout passes, and yields the done
     * and pending futures; cancels nothing. Call it as {@code AsyncIO.wait(...)}: every class inherits
     * {@code Object.wait}, which hides a static import of this name.
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> awaitables,
            ReturnWhen when, double timeout) {
        return Wait.of(awaitables, when, timeout);
    }

    /** {@link #wait(Collection, ReturnWhen, double)} without a timeout. */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> awaitables,
            ReturnWhen when) {
        return wait(awaitables, when, Double.POSITIVE_INFINITY);
    }

    /** The task running the calling coroutine, or null outside a task. */
    public static Task<?> currentTask() {
        return getRunningLoop().currentTask;
    }

    /** Every task of the running loop that is not done yet. */
    public static Set<Task<?>> allTasks() {
        return getRunningLoop().tasks.all();
    }

    /**
     * Prints the current task's {@link CallGraph} to standard output, like asyncio's {@code print_call_graph()}:
     * where the task is, and which tasks wait for it.
     */
    public static void printCallGraph() {
        Task<?> t = currentTask();
        if (t == null) {
            throw new IllegalStateException("printCallGraph() is called inside a task; pass a task or future to print another");
        }
        printCallGraph(t);
    }

    /** Prints the {@link CallGraph} of a task or future of the running loop to standard output. */
    public static void printCallGraph(Future<?> future) {
        System.out.print(CallGraph.of(future));
    }

    /** The loop running on this thread; {@link IllegalStateException} when there is none. */
    public static EventLoop getRunningLoop() {
        return RunningLoop.require();
    }

    /**
     * Submits a coroutine to a loop running on another thread; the returned future completes with its result,
     * and cancelling it cancels the task.
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        return LoopFutureView.ofCoroutine(coro, loop);
    }

    // ---- streams and subprocesses: asyncio's open_connection, start_server, create_subprocess_exec ----

    /**
     * Connects to {@code host:port} without blocking the loop and returns the connection's reader and writer.
     * A refused connection throws {@link java.net.ConnectException} naming the address; a host name is
     * looked up on the default executor, and each of its addresses is tried in turn.
     */
    public static Coroutine<Connection> openConnection(String host, int port) throws java.io.IOException {
        return Connection.open(host, port, null);
    }

    /**
     * {@link #openConnection(String, int)} over TLS: the handshake is done, and the server's certificate
     * checked against {@code host}, before the connection is returned.
     */
    public static Coroutine<Connection> openConnection(String host, int port, javax.net.ssl.SSLContext ssl)
            throws java.io.IOException {
        return Connection.open(host, port, java.util.Objects.requireNonNull(ssl, "ssl"));
    }

    /**
     * Listens on {@code host:port} (port 0 picks a free one, {@link Server#port()} tells which; host null
     * listens on every interface) and runs {@code handler} as a task of its own for each connection.
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port) throws java.io.IOException {
        return Server.start(handler, host, port, null);
    }

    /** {@link #startServer(ConnectionHandler, String, int)} over TLS, with {@code ssl}'s key and certificate. */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port,
            javax.net.ssl.SSLContext ssl) throws java.io.IOException {
        return Server.start(handler, host, port, java.util.Objects.requireNonNull(ssl, "ssl"));
    }

    /** {@link #openConnection(String, int)} with options: TLS, happy eyeballs (see {@link org.awaitj.io.ConnectOptions}). */
    public static Coroutine<Connection> openConnection(String host, int port, org.awaitj.io.ConnectOptions options)
            throws java.io.IOException {
        return Connection.connect(host, port, options);
    }

    /** {@link #openConnection(String, int)} with happy eyeballs: {@link org.awaitj.io.ConnectOptions#happyEyeballsDelay}. */
    public static Coroutine<Connection> openConnection(String host, int port, double happyEyeballsDelay)
            throws java.io.IOException {
        return Connection.connect(host, port, org.awaitj.io.ConnectOptions.defaults().happyEyeballsDelay(happyEyeballsDelay));
    }

    /** Connects to the Unix domain socket at {@code path}: the same streams as over TCP. */
    public static Coroutine<Connection> openUnixConnection(java.nio.file.Path path) throws java.io.IOException {
        return Connection.openUnix(path);
    }

    /** Listens on a Unix domain socket at {@code path}; closing the server removes the socket file. */
    public static Coroutine<Server> startUnixServer(ConnectionHandler handler, java.nio.file.Path path)
            throws java.io.IOException {
        return Server.startUnix(handler, path);
    }

    /** A UDP endpoint bound to {@code local} and connected to {@code remote}, either of which may be null. */
    public static Coroutine<org.awaitj.io.DatagramEndpoint> createDatagramEndpoint(java.net.SocketAddress local,
            java.net.SocketAddress remote) throws java.io.IOException {
        return org.awaitj.io.DatagramEndpoint.create(local, remote);
    }

    /**
     * Starts {@code command} with its stdin, stdout and stderr piped to the returned {@link Subprocess}'s
     * streams. Throws {@link java.io.IOException} when the program cannot be started.
     */
    public static Coroutine<Subprocess> createSubprocessExec(String... command) throws java.io.IOException {
        return Subprocess.start(new ProcessBuilder(command));
    }

    /**
     * Starts the builder's command; the streams it redirects elsewhere (inherited, a file) read as empty from
     * the {@link Subprocess}, as {@code stdout=None} does in asyncio.
     */
    public static Coroutine<Subprocess> createSubprocessExec(ProcessBuilder builder) throws java.io.IOException {
        return Subprocess.start(builder);
    }
}
