package org.awaitj.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a coroutine function: a method whose declared return type is {@code org.awaitj.Coroutine<T>}.
 *
 * <p>The awaitj agent rewrites every method carrying this annotation into a resumable state machine, so
 * that {@code await(x)} inside it suspends the coroutine instead of blocking the thread. Calling the method
 * runs none of its body: it returns a fresh coroutine object, which is then awaited or scheduled as a task.
 *
 * <p>Constructors, static initializers and methods that do not return {@code Coroutine} are refused at
 * load time with a message naming the class, method and source line.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Async {
}
