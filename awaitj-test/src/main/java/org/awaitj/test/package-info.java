/**
 * JUnit 5 support for coroutines: {@link org.awaitj.test.AsyncTesting#runTest} runs a test's coroutine on a fresh
 * event loop, on virtual time, in debug mode, and fails the test on what debug mode finds (an exception never
 * retrieved, a coroutine never awaited, a blocking call on the loop) and on a task still pending at the end; a
 * real-time watchdog dumps the loop's tasks when a test hangs; schedule exploration runs a test under other orders
 * of each turn's ready tasks. {@link org.awaitj.test.AsyncTest} configures it per test method.
 */
package org.awaitj.test;
