package org.awaitj.test;

import static org.awaitj.AsyncIO.await;
import static org.awaitj.AsyncIO.result;
import static org.awaitj.test.AsyncTesting.runTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** What @AsyncTest adds to a JUnit test method, seen by running small test classes with JUnit from here. */
class AsyncTestExtensionTest {
    private static final String FIXTURE = "awaitj.test.fixture";

    /** Runs {@code testClass} with JUnit; returns its failures' messages. */
    private static List<String> failuresOf(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameter(FIXTURE, "true").build(), listener);
        return listener.getSummary().getFailures().stream().map(TestExecutionSummary.Failure::getException)
                .map(Throwable::getMessage).toList();
    }

    /** Lets the fixture classes below run only when a test here launches them, not in the build's own run. */
    static final class LaunchedByATest implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(FIXTURE).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by AsyncTestExtensionTest")
                    : ConditionEvaluationResult.disabled("a fixture that AsyncTestExtensionTest runs");
        }
    }

    @ExtendWith(LaunchedByATest.class)
    static class ForgetsToRunItsCoroutine {
        @AsyncTest
        void callsTheAsyncMethodDirectly() {
            body();
        }

        @AsyncTest
        void doesNothing() {
        }

        @Async
        Coroutine<Void> body() {
            return result();
        }
    }

    @Test
    void aMethodThatRunsNoCoroutineFails() {
        List<String> failures = failuresOf(ForgetsToRunItsCoroutine.class);
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.stream().anyMatch(m -> m.startsWith("the test method made a coroutine it never ran:\n"
                + "  - coroutine 'AsyncTestExtensionTest$ForgetsToRunItsCoroutine.body' was never "
                + "awaited (created at AsyncTestExtensionTest.java:")), failures.toString());
        assertTrue(failures.contains("@AsyncTest method doesNothing ran no coroutine: hand it to runTest, as in "
                + "runTest(this::doesNothing)"), failures.toString());
    }

    @ExtendWith(LaunchedByATest.class)
    static class WaitsForever {
        @AsyncTest(watchdog = 0.3)
        void waitsForever() {
            runTest(this::waitsForever);
        }

        @Async
        Coroutine<Void> waitsForever(TestLoop loop) {
            await(new CompletableFuture<Void>());
            return result();
        }
    }

    @Test
    void theAnnotationsWatchdogHolds() {
        List<String> failures = failuresOf(WaitsForever.class);
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.get(0).startsWith("the test ran longer than its watchdog, 0.300 s of real time"), failures.get(0));
    }

    @ExtendWith(LaunchedByATest.class)
    static class Passes {
        @AsyncTest
        void sleepsFiveSeconds() {
            runTest(this::sleepsFiveSeconds);
        }

        @Async
        Coroutine<Void> sleepsFiveSeconds(TestLoop loop) {
            await(org.awaitj.AsyncIO.sleep(5));
            assertEquals(5.0, loop.time());
            return result();
        }
    }

    @Test
    void aMethodThatRunsItsCoroutinePasses() {
        assertEquals(List.of(), failuresOf(Passes.class));
    }
}
