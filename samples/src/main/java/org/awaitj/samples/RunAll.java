package org.awaitj.samples;

import java.util.List;

/**
 * Runs every sample of the asyncio guide in turn, each under a header that says what it shows and how long
 * it should take. Start it with the agent, as the {@code run-samples} profile does:
 * {@code java -javaagent:agent/target/awaitj-agent.jar -cp ... org.awaitj.samples.RunAll}.
 */
public final class RunAll {

    /** A sample's {@code main}. */
    interface Main {
        void run(String[] args) throws Exception;
    }

    record Sample(String header, Main main) {
    }

    static final List<Sample> SAMPLES = List.of(
            new Sample("Example 1: synchronous code (expect about 3 s)", Example1Synchronous::main),
            new Sample("Example 2: awaiting coroutines directly, no concurrency (expect about 3 s)", Example2AwaitCoroutines::main),
            new Sample("Example 3: tasks (expect about 2 s)", Example3Tasks::main),
            new Sample("Example 4: await order is not execution order (expect about 2 s)", Example4AwaitOrder::main),
            new Sample("Blocking the event loop with Thread.sleep (expect about 3 s)", BlockingTheLoop::main),
            new Sample("Blocking code moved to a thread with toThread (expect about 2 s)", ToThread::main),
            new Sample("Blocking code moved to worker processes with runInExecutor (expect about 2 s plus JVM start-up)", ProcessPool::main),
            new Sample("gather of coroutines, returnExceptions = true (expect about 2 s)", GatherCoroutines::main),
            new Sample("gather of tasks (expect about 2 s)", GatherTasks::main),
            new Sample("sleep as simple coordination (expect about 2.5 s)", SleepCoordination::main),
            new Sample("TaskGroup: the end of the block awaits every task (expect about 2 s)", TaskGroupSample::main),
            new Sample("Error handling: gather vs gather(true, ...) vs TaskGroup (expect about 7.5 s)", ErrorHandling::main),
            new Sample("Pitfall: forgetting to await (expect about 0 s)", ForgettingToAwait::main),
            new Sample("Pitfall: main ending before its tasks (expect about 0.1 s)", EndingMainEarly::main),
            new Sample("Web requests: 20 pages, at most 5 at a time with a Semaphore (expect about 0.5 s)", HttpFetcher::main),
            new Sample("A ContextVar tags each connection's log lines with its id (expect about 0.3 s)", TaggedLogServer::main),
            new Sample("Profiling: an IO-bound task and a CPU-bound task told apart (expect about 1 s)", Profiling::main),
            new Sample("Async generators: async for, early exit, lines of a stream, Flow both ways (expect about 0.1 s)",
                    AsyncGenerators::main),
            new Sample("Every core: one echo server on each loop of a LoopGroup (expect about 0.2 s)", EchoOnEveryCore::main));

    private RunAll() {
    }

    public static void main(String[] args) throws Exception {
        for (Sample sample : SAMPLES) {
            System.out.println("=== " + sample.header() + " ===");
            sample.main().run(args);
            System.out.println();
        }
    }
}
