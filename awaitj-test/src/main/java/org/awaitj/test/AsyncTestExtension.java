package org.awaitj.test;

import java.lang.reflect.Method;
import java.util.List;

import org.awaitj.internal.TestingAccess;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * What {@link AsyncTest} adds to a test method: its options hold for the {@link AsyncTesting#runTest} calls the
 * method makes, and the method fails if it ran no coroutine, or made one outside {@code runTest} that never ran.
 * With {@code @ExtendWith(AsyncTestExtension.class)} on a class, only the second check applies to its tests.
 */
public final class AsyncTestExtension implements InvocationInterceptor {
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        Method method = invocationContext.getExecutable();
        AsyncTest annotation = method.getAnnotation(AsyncTest.class);
        TestOptions options = options(annotation);
        boolean ran;
        List<TestingAccess.Finding> findings;
        try (TestingAccess.Recording recording = TestingAccess.get().record();
             AsyncTesting.Scope scope = AsyncTesting.enter(options)) {
            invocation.proceed();
            ran = scope.ran;
            findings = recording.findings();
        }
        if (!findings.isEmpty()) {
            StringBuilder sb = new StringBuilder("the test method made a coroutine it never ran:");
            findings.forEach(f -> sb.append("\n  - ").append(f.message()));
            throw new AssertionError(sb.toString());
        }
        if (annotation != null && !ran) {
            throw new AssertionError("@AsyncTest method " + method.getName() + " ran no coroutine: hand it to "
                    + "runTest, as in runTest(this::" + method.getName() + ")");
        }
    }

    private static TestOptions options(AsyncTest annotation) {
        TestOptions options = TestOptions.defaults();
        if (annotation != null && annotation.watchdog() > 0) {
            options = options.watchdog(annotation.watchdog());
        }
        if (annotation != null && annotation.schedules() >= 0) {
            options = options.schedules(annotation.schedules());
        }
        return options;
    }
}
