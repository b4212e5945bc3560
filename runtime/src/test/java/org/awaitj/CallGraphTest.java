package org.awaitj;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** asyncio 3.14's capture_call_graph and print_call_graph: what a task does, and who waits for it. */
class CallGraphTest {
    private Task<?> leafTask;
    private Task<?> workerTask;

    @Async
    Coroutine<Void> leaf() {
        await(sleep(10)); // leaf sleeps
        return result();
    }

    @Async
    Coroutine<Void> worker() {
        leafTask = createTask(leaf(), "leaf");
        await(leafTask); // worker awaits leaf
        return result();
    }

    @Async
    Coroutine<CallGraph> main() {
        workerTask = createTask(worker(), "worker");
        Task<CallGraph> probe = createTask(probe(), "probe");
        try {
            await(workerTask); // main awaits worker
        } catch (CancellationException e) {
            // the probe cancels the leaf, and the worker with it
        }
        return result(await(probe));
    }

    @Async
    Coroutine<CallGraph> probe() {
        await(sleep(1));
        CallGraph g = leafTask.callGraph();
        leafTask.cancel();
        return result(g);
    }

    @Async
    Coroutine<String> printsItsOwn() {
        return result(await(printing())); // awaits the printer
    }

    @Async
    Coroutine<String> printing() {
        await(sleep(0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            printCallGraph(); // prints
        } finally {
            System.setOut(out);
        }
        return result(bytes.toString(StandardCharsets.UTF_8));
    }

    private static String at(String method, String marker) {
        return "org.awaitj.CallGraphTest." + method + "(CallGraphTest.java:" + Reports.lineOf(CallGraphTest.class, marker) + ")";
    }

    @Test
    void aTaskGraphHasItsAwaitChainAndTheTasksAwaitingIt() {
        CallGraph g = AsyncIO.run(main());
        assertSame(leafTask, g.future());
        assertEquals(List.of(at("leaf", "leaf sleeps")), g.callStack().stream().map(String::valueOf).toList());
        CallGraph w = g.awaitedBy().get(0);
        assertSame(workerTask, w.future());
        assertEquals(List.of(at("worker", "worker awaits leaf")), w.callStack().stream().map(String::valueOf).toList());
        CallGraph m = w.awaitedBy().get(0);
        assertEquals(List.of(at("main", "main awaits worker")), m.callStack().stream().map(String::valueOf).toList());
        assertEquals(List.of(), m.awaitedBy());
        assertEquals(String.join("\n",
                "* Task(name='leaf', id=" + leafTask.id() + ")",
                "  + Call stack:",
                "  |   at " + at("leaf", "leaf sleeps"),
                "  + Awaited by:",
                "    * Task(name='worker', id=" + workerTask.id() + ")",
                "      + Call stack:",
                "      |   at " + at("worker", "worker awaits leaf"),
                "      + Awaited by:",
                "        * Task(name='" + ((Task<?>) m.future()).getName() + "', id=" + ((Task<?>) m.future()).id() + ")",
                "          + Call stack:",
                "          |   at " + at("main", "main awaits worker"),
                ""), g.toString());
    }

    @Test
    void theRunningTaskPrintsItsLiveFrames() {
        assertEquals(String.join("\n",
                "* Task(name='printer', id=" + "ID" + ")",
                "  + Call stack:",
                "  |   at " + at("printing", "prints"),
                "  |   at " + at("printsItsOwn", "awaits the printer"),
                "  + Awaited by:",
                "    * Task(name='Task-ID', id=ID)",
                "      + Call stack:",
                "      |   at " + at("namedPrinter", "awaits the printer task"),
                ""), AsyncIO.run(namedPrinter()).replaceAll("id=\\d+", "id=ID").replaceAll("Task-\\d+", "Task-ID"));
    }

    @Async
    Coroutine<String> namedPrinter() {
        return result(await(createTask(printsItsOwn(), "printer"))); // awaits the printer task
    }
}
