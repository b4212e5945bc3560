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

    /** What every awaitj event says first: the loop, by the name of its thread. */
    @Category(CATEGORY)
    abstract static class LoopEvent extends Event {
        @Label("Loop") String loop;
    }

    /** Committed after a step that took the threshold or longer: what held the loop, from where to where. */
    @Name("org.awaitj.SlowStep") @Label("Slow Step") @Threshold("100 ms") @StackTrace(false)
    @Description("A task step or callback that held the event loop at least the threshold")
    static final class SlowStep extends LoopEvent {
        @Label("Task") String task;
        @Label("Coroutine") String coroutine;
        @Label("Began At") @Description("Where the task was suspended when the step began") String beganAt;
        @Label("Ended At") @Description("Where it suspended again, or \"its end\"") String endedAt;
    }

    /** Committed before the call, with the stack trace that leads to it. */
    @Name("org.awaitj.BlockingCall") @Label("Blocking Call on the Loop")
    @Description("A JDK call that blocks the thread, made on an event loop's thread: it stalls every task")
    static final class BlockingCall extends LoopEvent {
        @Label("Call") String call;
        @Label("Where") String where;
        @Label("Task") String task;
    }

    /** A gauge, sampled from JFR's own thread: a long queue means the loop is behind. */
    @Name("org.awaitj.ReadyQueue") @Label("Ready Queue") @Period("1 s") @StackTrace(false)
    @Description("How many callbacks and task steps wait in a loop's ready queue, and how many tasks are pending")
    static final class ReadyQueue extends LoopEvent {
        @Label("Ready") @Description("Callbacks and task steps queued to run") int ready;
        @Label("Pending Tasks") @Description("Tasks of the loop not done yet") int pendingTasks;
    }

    /** What the three task events say of a task; off unless a setting turns them on. */
    @Enabled(false)
    abstract static class TaskEvent extends LoopEvent {
        @Label("Task Id") long taskId;
        @Label("Task") String task;
        @Label("Coroutine") String coroutine;
    }

    /** With the stack trace of the createTask call, and its first frame outside awaitj. */
    @Name("org.awaitj.TaskCreated") @Label("Task Created")
    static final class TaskCreated extends TaskEvent {
        @Label("Created At") String createdAt;
    }

    /** The time from TaskCreated to here is the time the task waited for the loop. */
    @Name("org.awaitj.TaskStarted") @Label("Task Started") @Description("A task's first step") @StackTrace(false)
    static final class TaskStarted extends TaskEvent {
    }

    /** The outcome: "result", "cancelled", or the exception. */
    @Name("org.awaitj.TaskDone") @Label("Task Done") @StackTrace(false)
    static final class TaskDone extends TaskEvent {
        @Label("Outcome") String outcome;
    }

    /** Emitted by a periodic hook, on the loop's thread when it answers within a second. */
    @Name("org.awaitj.TaskSnapshot") @Label("Task Snapshot") @Enabled(false) @Period("beginChunk") @StackTrace(false)
    @Description("One pending task of a running loop: what ps and pstree print")
    static final class TaskSnapshot extends LoopEvent {
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
        StackTraceElement began = task != null ? SuspendedAt.element(task) : null;   // formatted only if slow
        event.begin();
        loop.runEntry(entry);
        event.end();
        if (event.shouldCommit()) {
            event.loop = loopName(loop);
            if (task != null) {
                event.task = task.getName();
                event.coroutine = task.getCoroutine().describe();
                event.beganAt = SuspendedAt.where(began);
                event.endedAt = task.isDone() ? "its end" : SuspendedAt.of(task);
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
            Task<?> t = loop.currentTask;
            event.task = t == null ? null : t.getName();
            event.commit();
        }
    }

    static void taskCreated(Task<?> t) {
        TaskCreated event = new TaskCreated();
        if (event.isEnabled()) {
            event.createdAt = String.valueOf(Debug.callerOutsideRuntime());
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
        event.loop = loopName(t.loop);
        event.taskId = t.id();
        event.task = t.getName();
        event.coroutine = t.getCoroutine().describe();
        return event;
    }

    private static void readyQueues() {
        for (EventLoop loop : RunningLoop.all()) {
            ReadyQueue event = new ReadyQueue();
            event.loop = loopName(loop);
            event.ready = loop.ready.size();      // read from JFR's thread: a gauge, a moment late at worst
            event.pendingTasks = loop.tasks.count();
            event.commit();
        }
    }

    /** One event per pending task of every running loop, read on the loop's thread if it answers in time. */
    private static void snapshot() {
        for (EventLoop loop : RunningLoop.all()) {
            Thread owner = loop.thread;
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
        Thread t = loop.thread;
        return t == null ? "not running" : t.getName();
    }
}
