package org.awaitj.agent.debug;

import java.util.Map;
import java.util.Set;

/**
 * The JDK calls that block the calling thread: made on an event loop's thread, they stall every task. Matched
 * by the call site's owner and name (a call through a subclass the JDK does not declare is not matched).
 */
public final class BlockingCalls {
    private static final Map<String, Set<String>> CALLS = Map.ofEntries(
            Map.entry("java/lang/Thread", Set.of("sleep", "join")),
            Map.entry("java/lang/Object", Set.of("wait")),
            Map.entry("java/lang/Process", Set.of("waitFor")),
            Map.entry("java/util/concurrent/Future", Set.of("get")),
            Map.entry("java/util/concurrent/FutureTask", Set.of("get")),
            Map.entry("java/util/concurrent/ForkJoinTask", Set.of("get", "join", "invoke")),
            Map.entry("java/util/concurrent/CompletableFuture", Set.of("get", "join")),
            Map.entry("java/util/concurrent/CountDownLatch", Set.of("await")),
            Map.entry("java/util/concurrent/CyclicBarrier", Set.of("await")),
            Map.entry("java/util/concurrent/Semaphore", Set.of("acquire", "acquireUninterruptibly")),
            Map.entry("java/util/concurrent/BlockingQueue", Set.of("take", "put")),
            Map.entry("java/util/concurrent/LinkedBlockingQueue", Set.of("take", "put")),
            Map.entry("java/util/concurrent/ArrayBlockingQueue", Set.of("take", "put")),
            Map.entry("java/util/concurrent/ExecutorService", Set.of("awaitTermination", "invokeAll", "invokeAny")),
            Map.entry("java/util/concurrent/locks/LockSupport", Set.of("park", "parkNanos", "parkUntil")),
            Map.entry("java/util/concurrent/locks/Lock", Set.of("lock", "lockInterruptibly")),
            Map.entry("java/util/concurrent/locks/ReentrantLock", Set.of("lock", "lockInterruptibly")),
            Map.entry("java/util/concurrent/locks/Condition", Set.of("await", "awaitNanos", "awaitUninterruptibly")),
            Map.entry("java/io/InputStream", Set.of("read", "readAllBytes", "readNBytes", "transferTo")),
            Map.entry("java/io/FileInputStream", Set.of("read", "readAllBytes", "readNBytes")),
            Map.entry("java/io/BufferedInputStream", Set.of("read")),
            Map.entry("java/io/DataInputStream", Set.of("read", "readFully", "readLine")),
            Map.entry("java/io/Reader", Set.of("read")),
            Map.entry("java/io/BufferedReader", Set.of("read", "readLine")),
            Map.entry("java/io/InputStreamReader", Set.of("read")),
            Map.entry("java/io/Console", Set.of("readLine", "readPassword")),
            Map.entry("java/util/Scanner", Set.of("next", "nextLine", "nextInt", "nextLong", "nextDouble", "hasNext", "hasNextLine")),
            Map.entry("java/nio/file/Files", Set.of("readAllBytes", "readAllLines", "readString", "write", "writeString", "copy", "lines")),
            Map.entry("java/net/Socket", Set.of("connect")),
            Map.entry("java/net/ServerSocket", Set.of("accept")),
            Map.entry("java/net/URL", Set.of("openStream")),
            Map.entry("java/net/http/HttpClient", Set.of("send")),
            Map.entry("java/sql/Statement", Set.of("execute", "executeQuery", "executeUpdate", "executeBatch", "executeLargeUpdate")),
            Map.entry("java/sql/PreparedStatement", Set.of("execute", "executeQuery", "executeUpdate", "executeBatch", "executeLargeUpdate")),
            Map.entry("java/sql/Connection", Set.of("commit", "rollback")),
            Map.entry("java/sql/DriverManager", Set.of("getConnection")));

    private BlockingCalls() {
    }

    /** The call as reports name it ("Thread.sleep"), or null when it does not block. */
    public static String describe(String owner, String name) {
        Set<String> names = CALLS.get(owner);
        if (names == null || !names.contains(name)) {
            return null;
        }
        return owner.substring(owner.lastIndexOf('/') + 1) + "." + name;
    }
}
