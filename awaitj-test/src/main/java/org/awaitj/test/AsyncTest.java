package org.awaitj.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit test that runs a coroutine with {@link AsyncTesting#runTest(AsyncTestBody)}, configured here. JUnit runs
 * only {@code void} test methods, so the method hands its coroutine over in one line:
 *
 * <pre>{@code
 * @AsyncTest(watchdog = 5)
 * void sleepsFiveSeconds() {
 *     runTest(this::sleepsFiveSeconds);
 * }
 * }</pre>
 *
 * The test also fails if the method ran no coroutine, or created one it never ran (a call to an {@code @Async}
 * method outside {@code runTest} runs none of its body).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Test
@ExtendWith(AsyncTestExtension.class)
public @interface AsyncTest {
    /** The real-time watchdog, in seconds; unset (0), the {@code awaitj.test.watchdog} property's, else 60. */
    double watchdog() default 0;

    /**
     * How many schedules besides FIFO to run the test under (see {@link TestOptions#schedules}); unset (-1), the
     * {@code awaitj.test.schedules} property's, else none.
     */
    int schedules() default -1;
}
