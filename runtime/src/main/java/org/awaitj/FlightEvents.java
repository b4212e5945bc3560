package org.awaitj;

import java.util.List;
import java.util.stream.Collectors;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * awaitj's JDK Flight Recorder events, category "awaitj": where a loop's time goes. A step that holds the
 * loop ({@code org.awaitj.SlowStep}), a blocking JDK call made on a loop's thread ({@code BlockingCall}), the
 * depth of each loop's ready queue ({@code ReadyQueue}, every second), and, off unless a setting turns them
 * on, each task's creation, first step and end ({@code TaskCreated}, {@code TaskStarted}, {@code TaskDone})
 * and a snapshot of every task ({@code TaskSnapshot}, which {@code ps} and {@code pstree} record). Only
 * reached through {@link Flight}, once a recording runs. {@code org/awaitj/awaitj.jfc} turns them all on.
 */
final class FlightEvents {
    private static final String CATEGORY = "awaitj";

    private FlightEvents() {
    }

    @Name("org.awaitj.SlowStep")
    @Label("Slow Step")
    @Category(CATEGORY)
    @Description("A task step or callback that held the event loop at least the threshold")
    @Threshold("100 ms")
    @StackTrace(false)
    static final class SlowStep extends Event {
        @Label("Loop") String loop;
        @Label("Task") String task;
        @Label("Coroutine") String coroutine;
        @Label("Began At") String beganAt;
        @Label("Ended At") String endedAt;
    }

    @Name("org.awaitj.BlockingCall")
    @Label("Blocking Call on the Loop")
    @Category(CATEGORY)
    @Description("A JDK call that blocks the thread, made on an event loop's thread: it stalls every task")
    static final class BlockingCall extends Event {
        @Label("Loop") String loop;
        @Label("Call") String call;
        @Label("Where") String where;
        @Label("Task") String task;
    }

    @Name("org.awaitj.ReadyQueue")
    @Label("Ready Queue")
    @Category(CATEGORY)
    @Description("How many callbacks and task steps wait in a loop's ready queue, and how many tasks are pending")
    @Period("1 s")
    @StackTrace(false)
    static final class ReadyQueue extends Event {
        @Label("Loop") String loop;
        @Label("Ready") int ready;
        @Label("Pending Tasks") int pendingTasks;
    }

    /** What the three task events say of a task. */
    abstract static class TaskEvent extends Event {
        @Label("Task Id") long taskId;
        @Label("Task") String task;
        @Label("Coroutine") String coroutine;
    }

    @Name("org.awaitj.TaskCreated")
    @Label("Task Created")
    @Category(CATEGORY)
    @Enabled(false)
    static final class TaskCreated extends TaskEvent {
    }

    @Name("org.awaitj.TaskStarted")
    @Label("Task Started")
    @Category(CATEGORY)
    @Description("A task's first step")
    @Enabled(false)
    @StackTrace(false)
    static final class TaskStarted extends TaskEvent {
    }

    @Name("org.awaitj.TaskDone")
    @Label("Task Done")
    @Category(CATEGORY)
    @Enabled(false)
    @StackTrace(false)
    static final class TaskDone extends TaskEvent {
        @Label("Outcome") String outcome;
    }

    @Name("org.awaitj.TaskSnapshot")
    @Label("Task Snapshot")
    @Category(CATEGORY)
    @Description("One pending task of a running loop: what ps and pstree print")
    @Enabled(false)
    @Period("beginChunk")
    @StackTrace(false)
    static final class TaskSnapshot extends Event {
        @Label("Loop") String loop;
        @Label("Loop Thread Id") long loopThreadId;
        @Label("Task Id") long taskId;
        @Label("Task") String task;
        @Label("State") String state;
        @Label("Coroutine") String coroutine;
        @Label("Stack") @Description("The await chain, innermost first, one frame a line") String stack;
        @Label("Awaiting") String awaiting;
        @Label("Awaited Task Ids") @Description("Comma-separated") String awaitedTaskIds;
        @Label("Steps") int steps;
        @Label("Seconds On Loop") double secondsOnLoop;
        @Label("Created At") String createdAt;
        @Label("Consistent") @Description("Read on the loop's thread; false when a step held the loop") boolean consistent;
    }

    /** Keeps {@link Flight#recording} true while any recording runs, and hooks the periodic events in. */
    static void follow() {
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                FlightRecorder.addPeriodicEvent(ReadyQueue.class, FlightEvents::readyQueues);
                FlightRecorder.addPeriodicEvent(TaskSnapshot.class, FlightEvents::snapshot);
                recordingStateChanged(null);
            }

            @Override
            public void recordingStateChanged(Recording changed) {
                boolean any = false;
                for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
                    any |= r.getState() == RecordingState.RUNNING;
                }
                Flight.recording = any;
            }
        });
    }

    static void runRecorded(EventLoop loop, Object entry) {
        SlowStep event = new SlowStep();
        if (!event.isEnabled()) {
            loop.runEntry(entry);
            return;
        }
        Task<?> task = entry instanceof Task<?> t ? t : null;
        String began = task != null ? task.suspendedAt() : null;
        event.begin();
        loop.runEntry(entry);
        event.end();
        if (event.shouldCommit()) {
            event.loop = loopName(loop);
            if (task != null) {
                event.task = task.getName();
                event.coroutine = task.getCoroutine().describe();
                event.beganAt = began;
                event.endedAt = task.isDone() ? "its end" : task.suspendedAt();
            } else {
                event.coroutine = String.valueOf(entry);
            }
            event.commit();
        }
    }

    static void blockingCall(EventLoop loop, String call, String where) {
        BlockingCall event = new BlockingCall();
        if (event.isEnabled()) {
            event.loop = loopName(loop);
            event.call = call;
            event.where = where;
            Task<?> t = loop.currentTask();
            event.task = t == null ? null : t.getName();
            event.commit();
        }
    }

    static void taskCreated(Task<?> t) {
        TaskCreated event = new TaskCreated();
        if (event.isEnabled()) {
            describe(event, t).commit();
        }
    }

    static void taskStarted(Task<?> t) {
        TaskStarted event = new TaskStarted();
        if (event.isEnabled()) {
            describe(event, t).commit();
        }
    }

    static void taskDone(Task<?> t) {
        TaskDone event = new TaskDone();
        if (event.isEnabled()) {
            event.outcome = t.isCancelled() ? "cancelled" : t.exception() != null ? "exception " + t.exception() : "result";
            describe(event, t).commit();
        }
    }

    private static TaskEvent describe(TaskEvent event, Task<?> t) {
        event.taskId = t.id();
        event.task = t.getName();
        event.coroutine = t.getCoroutine().describe();
        return event;
    }

    private static void readyQueues() {
        for (EventLoop loop : RunningLoop.all()) {
            ReadyQueue event = new ReadyQueue();
            event.loop = loopName(loop);
            event.ready = loop.readyCount();      // read from JFR's thread: a gauge, a moment late at worst
            event.pendingTasks = loop.tasks.count();
            event.commit();
        }
    }

    /** One event per pending task of every running loop, read on the loop's thread if it answers in time. */
    private static void snapshot() {
        for (EventLoop loop : RunningLoop.all()) {
            Thread owner = loop.thread();
            if (owner == null) {
                continue;
            }
            List<TaskSnapshot> rows = TaskTree.onLoopThread(loop, () -> rows(loop, owner, true), 1000);
            if (rows == null) {
                rows = rows(loop, owner, false);    // a step holds the loop: read what can be read, and say so
            }
            rows.forEach(TaskSnapshot::commit);
        }
    }

    private static List<TaskSnapshot> rows(EventLoop loop, Thread owner, boolean consistent) {
        Task<?> running = loop.currentTask;
        return loop.tasks.snapshot().stream().map(t -> {
            TaskSnapshot row = new TaskSnapshot();
            row.loop = owner.getName();
            row.loopThreadId = owner.getId();
            row.taskId = t.id();
            row.task = t.getName();
            row.state = t == running ? "running" : t.isDone() ? t.stateName() : "pending";
            row.coroutine = t.getCoroutine().describe();
            try {
                row.stack = AsyncStackTraces.chainOf(t).stream().map(String::valueOf).collect(Collectors.joining("\n"));
                row.awaiting = TaskTree.describe(t.awaiting());
                row.awaitedTaskIds = Awaits.awaitedTasks(t).stream().map(a -> String.valueOf(a.id()))
                        .collect(Collectors.joining(","));
            } catch (RuntimeException e) {
                row.stack = "unreadable while the loop runs (" + e + ")";
            }
            row.steps = t.steps();
            row.secondsOnLoop = t.secondsOnLoop();
            row.createdAt = t.createdAt() == null ? null : Debug.where(t.createdAt());
            row.consistent = consistent;
            return row;
        }).collect(Collectors.toList());
    }

    private static String loopName(EventLoop loop) {
        Thread t = loop.thread();
        return t == null ? "not running" : t.getName();
    }
}
