package org.awaitj.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.awaitj.Coroutine;

/**
 * A coroutine written by hand for a method of the runtime, such as {@code Queue.get}: it names that method,
 * so that error messages and {@link org.awaitj.Task#getStack()} show {@code org.awaitj.queue.Queue.get} as
 * they would the frame of an {@code @Async} method, rather than the nested class that implements it. The
 * class says which method it stands for ({@link Of}), so that its instances carry no name: most are made for
 * one await.
 *
 * @param <T> the type of the coroutine's result
 */
@InternalApi
public abstract class HandWrittenCoroutine<T> extends Coroutine<T> {
    /** The public class and method an application called, for every instance of the annotated class. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Of {
        Class<?> owner();

        String method();
    }

    private static final ClassValue<Of> OF = new ClassValue<>() {
        @Override
        protected Of computeValue(Class<?> type) {
            return type.getAnnotation(Of.class);
        }
    };

    protected HandWrittenCoroutine() {
    }

    /** The public class an application called: its {@link Of}, unless the subclass knows better. */
    protected Class<?> owner() {
        Of of = OF.get(getClass());
        return of == null ? null : of.owner();
    }

    /** The method an application called: its {@link Of}, unless the subclass knows better. */
    protected String method() {
        Of of = OF.get(getClass());
        return of == null ? null : of.method();
    }

    /** "Class.method", with the simple name of the owner. */
    @Override
    protected final String describe() {
        Class<?> owner = owner();
        if (owner == null) {
            return super.describe();    // debug mode asks from Coroutine's constructor, before fields are set
        }
        return owner.getSimpleName() + "." + method();
    }

    /** The owner's method, in the owner's source file, without a line number. */
    @Override
    protected final StackTraceElement stackTraceElement() {
        Class<?> owner = owner();
        return new StackTraceElement(owner.getName(), method(), owner.getSimpleName() + ".java", -1);
    }
}
