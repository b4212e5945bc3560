package org.awaitj;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** awaitj's JFR events, recorded in this JVM and read back from the recording file. */
class FlightEventsTest {
    @Async
    Coroutine<Void> busy() {
        await(sleep(0)); // busy step begins
        long end = System.nanoTime() + 30_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        await(sleep(0)); // busy step ends
        return result();
    }

    @Async
    Coroutine<Void> blocks() throws InterruptedException {
        await(sleep(0));
        Thread.sleep(5); // blocks the loop
        return result();
    }

    @Async
    Coroutine<Void> program() throws InterruptedException {
        Task<Void> busy = createTask(busy(), "busy"); // creates busy
        Task<Void> blocker = createTask(blocks(), "blocker");
        await(gather(busy, blocker));
        await(sleep(0.3));
        return result();
    }

    @Async
    Coroutine<Void> nothing() {
        await(sleep(0.01));
        return result();
    }

    private void awaitRecordingNoticed() {
        for (int i = 0; i < 500 && !Flight.recording; i++) {
            AsyncIO.run(nothing());     // the listener follows recordings from the first loop on
        }
        assertTrue(Flight.recording, "the recording was not noticed");
    }

    private static String line(String marker) {
        return "FlightEventsTest.java:" + Reports.lineOf(FlightEventsTest.class, marker);
    }

    private static RecordedEvent one(List<RecordedEvent> events, String type, Predicate<RecordedEvent> which) {
        List<RecordedEvent> found = events.stream().filter(e -> e.getEventType().getName().equals(type)).filter(which).toList();
        assertEquals(1, found.size(), type + ": " + found);
        return found.get(0);
    }

    @Test
    void theRuntimesSettingsFileTurnsEveryEventOn() throws Exception {
        Configuration c;
        try (var in = new java.io.InputStreamReader(EventLoop.class.getResourceAsStream("awaitj.jfc"),
                java.nio.charset.StandardCharsets.UTF_8)) {
            c = Configuration.create(in);
        }
        for (String event : List.of("SlowStep", "BlockingCall", "ReadyQueue", "TaskCreated", "TaskStarted", "TaskDone")) {
            assertEquals("true", c.getSettings().get("org.awaitj." + event + "#enabled"), event);
        }
    }

    @Test
    void aRecordingShowsSlowStepsBlockingCallsTaskLifecyclesAndTheReadyQueue() throws Exception {
        // the runtime hooks its periodic events in once a loop has started and JFR is up: a first recording
        // makes sure both happened before the one read here (a hook added later joins a recording late)
        try (Recording warmUp = new Recording()) {
            warmUp.start();
            awaitRecordingNoticed();
        }
        List<RecordedEvent> events;
        try (Recording r = new Recording()) {
            r.enable("org.awaitj.SlowStep").withThreshold(Duration.ofMillis(20)).withoutStackTrace();
            r.enable("org.awaitj.BlockingCall").withStackTrace();
            r.enable("org.awaitj.TaskCreated").withStackTrace();
            r.enable("org.awaitj.TaskStarted");
            r.enable("org.awaitj.TaskDone");
            r.enable("org.awaitj.ReadyQueue").withPeriod(Duration.ofMillis(50));
            r.start();
            awaitRecordingNoticed();
            AsyncIO.run(program());
            r.stop();
            Path file = Files.createTempFile("awaitj", ".jfr");
            try {
                r.dump(file);
                events = RecordingFile.readAllEvents(file);
            } finally {
                Files.delete(file);
            }
        }
        RecordedEvent slow = one(events, "org.awaitj.SlowStep", e -> "busy".equals(e.getString("task")));
        assertEquals("FlightEventsTest.busy", slow.getString("coroutine"));
        assertTrue(slow.getString("beganAt").endsWith(line("busy step begins") + ")"), slow.getString("beganAt"));
        assertTrue(slow.getString("endedAt").endsWith(line("busy step ends") + ")"), slow.getString("endedAt"));
        assertTrue(slow.getDuration().toMillis() >= 20, slow.toString());

        RecordedEvent blocking = one(events, "org.awaitj.BlockingCall", e -> "blocker".equals(e.getString("task")));
        assertEquals("Thread.sleep", blocking.getString("call"));
        assertEquals(line("blocks the loop"), blocking.getString("where"));

        RecordedEvent created = one(events, "org.awaitj.TaskCreated", e -> "busy".equals(e.getString("task")));
        assertTrue(created.getStackTrace().getFrames().stream().map(RecordedFrame::getMethod)
                .anyMatch(m -> m.getName().equals("program") && m.getType().getName().equals(FlightEventsTest.class.getName())),
                created.toString());
        one(events, "org.awaitj.TaskStarted", e -> "busy".equals(e.getString("task")));
        RecordedEvent done = one(events, "org.awaitj.TaskDone", e -> "busy".equals(e.getString("task")));
        assertEquals("result", done.getString("outcome"));
        assertEquals(created.getLong("taskId"), done.getLong("taskId"));

        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("org.awaitj.ReadyQueue")
                && e.getString("loop").equals(Thread.currentThread().getName()) && e.getInt("pendingTasks") >= 1),
                "no ReadyQueue event of this loop");
    }
}
