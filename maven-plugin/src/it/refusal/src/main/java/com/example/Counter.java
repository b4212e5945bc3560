package com.example;

import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

public class Counter {
    private int count;

    @Async
    Coroutine<Integer> increment() {
        synchronized (this) {
            await(sleep(0.01));     // suspends holding the monitor: refused
            count++;
        }
        return result(count);
    }
}
