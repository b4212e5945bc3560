package org.awaitj.agent.debug;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.agent.testing.Rewritten;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.createTask;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.AsyncIO.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where a coroutine goes other than an await, the agent plants a mark: a drop is reported at once, a store in a
 * local or a field when the loop closes with the coroutine unstarted, without debug mode. The marked class
 * verifies, loads and runs; awaits, calls and array elements carry no mark.
 */
class UnawaitedCoroutineMarksTest {
    static final class Keeper {
        static Coroutine<?> inAField;

        @Async
        static Coroutine<String> child(String v) {
            await(sleep(0));
            return result(v);
        }

        @Async
        static Coroutine<String> keeps() {
            String direct = await(child("direct"));                 // awaited: no mark
            String task = await(createTask(child("task")));         // handed to the runtime: no mark
            Coroutine<String> local = child("local");               // kept, awaited later
            List<Coroutine<String>> list = new ArrayList<>();
            list.add(child("list"));                                 // handed on: no mark
            Coroutine<?>[] array = {child("array")};                 // an element: no mark
            inAField = child("field");                               // field, never awaited
            child("dropped");                                        // dropped
            await(sleep(0));
            return result(direct + task + await(local) + list.size() + array.length);
        }
    }

    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("org.awaitj");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            reports.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    @Test
    void storesAreMarkedAndReportedWhenTheLoopClosesUnstarted() throws Exception {
        MarkedClass keeper = new MarkedClass(Keeper.class);
        MethodNode body = keeper.body("keeps");
        List<String> marks = new ArrayList<>();
        for (AbstractInsnNode n = body.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof MethodInsnNode call && (call.name.equals("kept") || call.name.equals("discarded"))) {
                marks.add(call.name + " at " + ((LdcInsnNode) call.getPrevious()).cst);
            }
        }
        String local = at("kept, awaited later"), field = at("field, never awaited"), dropped = at("dropped");
        assertEquals(List.of("kept at " + local, "kept at " + field, "discarded at " + dropped), marks);

        logger.addHandler(handler);
        assertEquals("directtasklocal11", Rewritten.runOn(EventLoop.withVirtualTime(), keeper.load(), "keeps"));
        // the drop at once, the field's when the loop closes
        assertEquals(List.of(dropped, field).stream().map(where -> "coroutine "
                + "'UnawaitedCoroutineMarksTest$Keeper.child' was never awaited (created at " + where
                + "): await it, or schedule it with createTask").toList(), reports);
    }

    /** "UnawaitedCoroutineMarksTest.java:N", N the line of this source that ends in {@code // comment}. */
    private static String at(String comment) throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("src/test/java",
                UnawaitedCoroutineMarksTest.class.getName().replace('.', '/') + ".java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// " + comment)) {
                return "UnawaitedCoroutineMarksTest.java:" + (i + 1);
            }
        }
        throw new AssertionError("no line ends in // " + comment);
    }
}
