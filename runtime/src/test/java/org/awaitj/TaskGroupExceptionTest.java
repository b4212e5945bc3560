package org.awaitj;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TaskGroupExceptionTest {
    @Async
    Coroutine<Void> fails(String what) throws IOException {
        await(sleep(0));
        throw new IOException(what);
    }

    @Async
    Coroutine<Void> group() throws IOException {
        try (TaskGroup tg = new TaskGroup()) {
            tg.createTask(fails("first"));
            tg.createTask(fails("second"));
        }
        return result();
    }

    @Test
    void thePrintedTraceShowsEachFailureOnceAndNoCircularReference() {
        TaskGroupException e = assertThrows(TaskGroupException.class, () -> AsyncIO.run(group()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        e.printStackTrace(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String trace = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(trace.contains("CIRCULAR REFERENCE"), trace);
        assertEquals(1, trace.split("IOException: first", -1).length - 1, trace);
        assertEquals(1, trace.split("IOException: second", -1).length - 1, trace);
        assertEquals(List.of("first", "second"), e.exceptions().stream().map(Throwable::getMessage).toList());
    }
}
