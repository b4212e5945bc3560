package org.awaitj.benchmarks.kotlin

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.yield
import org.openjdk.jmh.infra.Blackhole

/**
 * The kotlinx-coroutines side of every workload, on the single-threaded event loop of `runBlocking`
 * (the benchmark thread). Called from the Java benchmarks: JMH's annotation processor sees Java only.
 */
object KotlinWorkloads {
    // (1) a suspend call that returns without suspending (it has a suspension point, so it is a real
    // state machine with a continuation object, like an @Async method's frame)
    @JvmStatic
    suspend fun leaf(x: Any, suspend: Boolean): Any {
        if (suspend) yield()
        return x
    }

    @JvmStatic
    fun awaitLeaves(n: Int, x: Any, bh: Blackhole) = runBlocking {
        for (i in 0 until n) {
            bh.consume(leaf(x, false))
        }
    }

    // (2) two coroutines ping-ponging with yield()
    @JvmStatic
    fun pingPong(n: Int) = runBlocking {
        val a = launch { repeat(n) { yield() } }
        val b = launch { repeat(n) { yield() } }
        a.join()
        b.join()
    }

    // (3) a channel handing items from one coroutine to another
    @JvmStatic
    fun handOff(n: Int, capacity: Int, item: Any, bh: Blackhole) = runBlocking {
        val ch = Channel<Any>(capacity)
        val producer = launch { repeat(n) { ch.send(item) } }
        val consumer = launch { repeat(n) { bh.consume(ch.receive()) } }
        producer.join()
        consumer.join()
    }

    // (10) a free Mutex locked and unlocked
    @JvmStatic
    fun freeMutex(n: Int, bh: Blackhole) = runBlocking {
        val mutex = Mutex()
        repeat(n) {
            mutex.lock()
            bh.consume(mutex.isLocked)
            mutex.unlock()
        }
    }

    // (10c) two coroutines taking turns on a Mutex, each holding it across a yield()
    @JvmStatic
    fun mutexTurns(n: Int, bh: Blackhole) = runBlocking {
        val mutex = Mutex()
        val turns = {
            launch {
                repeat(n / 2) {
                    mutex.lock()
                    yield()
                    bh.consume(mutex.isLocked)
                    mutex.unlock()
                }
            }
        }
        val a = turns()
        val b = turns()
        a.join()
        b.join()
    }

    // (11) a buffered channel: each send finds room and each receive an element
    @JvmStatic
    fun bufferedChannel(n: Int, item: Any, bh: Blackhole) = runBlocking {
        val ch = Channel<Any>(Channel.UNLIMITED)
        repeat(n) {
            ch.send(item)
            bh.consume(ch.receive())
        }
    }

    // (4) launch + join of an empty coroutine
    @JvmStatic
    fun spawnJoin(n: Int) = runBlocking {
        repeat(n) { launch { }.join() }
    }

    // (5) 1,000 async children, awaited together
    @JvmStatic
    fun gatherEmpty(k: Int): List<Any?> = runBlocking {
        List(k) { async<Any?> { null } }.awaitAll()
    }

    // (6) a million coroutines sleeping random durations; runBlocking waits for its children
    @JvmStatic
    fun sleepers(millis: IntArray) = runBlocking {
        for (ms in millis) {
            launch { delay(ms.toLong()) }
        }
    }

    // (7) a million coroutines parked on one CompletableDeferred; the callbacks read the heap
    @JvmStatic
    fun parked(n: Int, before: Runnable, parked: Runnable, after: Runnable) = runBlocking {
        before.run()
        val f = CompletableDeferred<Any?>()
        repeat(n) { launch { f.await() } }
        yield()                 // every child has run to its await and parked
        parked.run()
        f.complete(null)
        yield()                 // every child woke up and finished
        yield()
        after.run()
    }

    // (8) an await chain `depth` deep that suspends at the bottom (not a tail call, so each level is a frame)
    @JvmStatic
    suspend fun chain(depth: Int): Int {
        if (depth == 1) {
            yield()
            return 1
        }
        return chain(depth - 1) + 1
    }

    @JvmStatic
    fun chains(n: Int, depth: Int, bh: Blackhole) = runBlocking {
        repeat(n) { bh.consume(chain(depth)) }
    }

    // (9) an await chain that never suspends; kept out of line by BenchMain's CompileCommand (JMH's
    // CompilerControl is read from Java sources only)
    @JvmStatic
    suspend fun flatChain(depth: Int, suspend: Boolean): Int {
        if (depth == 1) {
            if (suspend) yield()
            return 1
        }
        return flatChain(depth - 1, suspend) + 1
    }

    @JvmStatic
    fun flatChains(n: Int, depth: Int, bh: Blackhole) = runBlocking {
        repeat(n) { bh.consume(flatChain(depth, false)) }
    }
}
