package org.awaitj;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.awaitj.internal.TestingAccess;

/** The core's side of {@link TestingAccess}, for org.awaitj.test: installed when first asked for. */
final class TestingBridge extends TestingAccess {
    static {
        TestingAccess.install(new TestingBridge());
    }

    private TestingBridge() {
    }

    @Override
    public EventLoop newLoop(boolean virtualTime, RandomGenerator schedule) {
        return new EventLoop(virtualTime ? Clock.virtual() : Clock.real(), schedule);
    }

    @Override
    public Recording record() {
        return DebugRecording.start();
    }

    @Override
    public List<String> pendingTasks(EventLoop loop) {
        List<String> out = new ArrayList<>();
        for (Task<?> t : loop.tasks.snapshot()) {
            if (t.cancelling() == 0) {
                out.add(t + ", suspended at " + SuspendedAt.of(t));
            }
        }
        return out;
    }

    @Override
    public List<Finding> shutdown(EventLoop loop) {
        List<Finding> problems = new ArrayList<>();
        try {
            Set<Task<?>> left = loop.tasks.snapshot();
            if (!left.isEmpty()) {
                left.forEach(Task::cancel);
                loop.runUntilComplete(Gather.of(loop, true, List.copyOf(left)));
                for (Task<?> t : left) {
                    if (t.isCancelled()) {
                        continue;
                    }
                    Throwable e = t.exception();
                    problems.add(new Finding(e != null ? t + " failed as it was cancelled at the end of the test"
                            : t + " refused cancellation at the end of the test and returned", e));
                }
            }
            Runner.finishShutdown(loop);
        } finally {
            loop.close();
        }
        return problems;
    }

    @Override
    public int readyCount(EventLoop loop) {
        return loop.ready.size();
    }

    @Override
    public double nextTimer(EventLoop loop) {
        Handle next = loop.timers.next();
        return next == null ? Double.NaN : next.when;
    }

    @Override
    public boolean waitsOnWorkElsewhere(EventLoop loop) {
        return loop.foreignInFlight > 0 || loop.io.watchesChannels();
    }
}
