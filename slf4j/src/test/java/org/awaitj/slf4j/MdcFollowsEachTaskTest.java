package org.awaitj.slf4j;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitj.Coroutine;
import org.awaitj.EventLoop;
import org.awaitj.Task;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;

/**
 * The MDC bridge with Logback as the real backend and a {@code %X{requestId}} pattern: every line a task logs
 * carries its own request id, across its awaits, while other tasks log theirs on the same thread. Found by
 * ServiceLoader: the test registers nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MdcFollowsEachTaskTest {
    private static final Logger LOG = LoggerFactory.getLogger("requests");

    private final EventLoop loop = EventLoop.withVirtualTime();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> appender;
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @BeforeEach
    void logToABuffer() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("[%X{requestId}] %msg%n");
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.setImmediateFlush(true);
        appender.start();
        ch.qos.logback.classic.Logger requests = context.getLogger("requests");
        requests.detachAndStopAllAppenders();
        requests.setAdditive(false);
        requests.addAppender(appender);
        MDC.clear();
    }

    @AfterEach
    void stop() {
        appender.stop();
        worker.shutdownNow();
        MDC.clear();
        loop.close();
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Async
    Coroutine<Void> handle(String requestId, double pause) {
        MDC.put("requestId", requestId);
        LOG.info("start");
        for (int i = 1; i <= 3; i++) {
            await(sleep(pause));
            LOG.info("step {} at {}", i, loop.time());
        }
        await(createTask(audit()));
        LOG.info("done");
        return result();
    }

    @Async
    Coroutine<Void> audit() {
        LOG.info("audit inherits its creator's id");
        MDC.put("requestId", "changed by the audit");
        await(sleep(0));
        LOG.info("audit after its own put");
        return result();
    }

    @Async
    Coroutine<Void> server() {
        LOG.info("server starts");
        Task<Void> a = createTask(handle("req-a", 1));
        Task<Void> b = createTask(handle("req-b", 1.5));
        await(sleep(0));
        LOG.info("server between");
        await(a);
        await(b);
        LOG.info("server ends");
        return result();
    }

    @Test
    void twoConcurrentTasksEachLogTheirOwnRequestIdOnEveryLineAcrossAwaits() {
        loop.runUntilComplete(server());
        List<String> lines = lines();
        assertEquals(List.of(
                "[] server starts",
                "[req-a] start",
                "[req-b] start",
                "[] server between",
                "[req-a] step 1 at 1.0",
                "[req-b] step 1 at 1.5",
                "[req-a] step 2 at 2.0",
                "[req-b] step 2 at 3.0",
                "[req-a] step 3 at 3.0",
                "[req-a] audit inherits its creator's id",
                "[changed by the audit] audit after its own put",
                "[req-a] done",
                "[req-b] step 3 at 4.5",
                "[req-b] audit inherits its creator's id",
                "[changed by the audit] audit after its own put",
                "[req-b] done",
                "[] server ends"), lines);
        assertEquals(null, MDC.get("requestId"), "nothing a task put is left on the loop's thread");
    }

    @Async
    Coroutine<Void> callerWithAnId() {
        MDC.put("requestId", "outer");
        await(createTask(putsItsOwn()));
        LOG.info("creator after its child");
        String onThread = await(runInExecutor(worker, () -> {
            LOG.info("on a worker thread");
            return MDC.get("requestId");
        }));
        LOG.info("the worker saw {}", onThread);
        return result();
    }

    @Async
    Coroutine<Void> putsItsOwn() {
        MDC.put("requestId", "inner");
        LOG.info("child");
        await(sleep(1));
        LOG.info("child after await");
        return result();
    }

    @Test
    void anIdPutInsideATaskNeverLeaksToItsCreatorAndWorkOnAThreadSeesTheCallers() throws Exception {
        worker.submit(() -> MDC.put("requestId", "the worker's own")).get(10, TimeUnit.SECONDS);
        MDC.put("requestId", "main thread");
        loop.runUntilComplete(callerWithAnId());
        assertEquals(List.of("[inner] child", "[inner] child after await", "[outer] creator after its child",
                "[outer] on a worker thread", "[outer] the worker saw outer"), lines());
        assertEquals("main thread", MDC.get("requestId"), "the loop thread's own MDC is back");
        assertEquals("the worker's own", worker.submit(() -> MDC.get("requestId")).get(10, TimeUnit.SECONDS));
    }

    @Test
    void theBridgeWasFoundByServiceLoader() {
        boolean found = false;
        for (org.awaitj.ThreadLocalBridge<?> b : java.util.ServiceLoader.load(org.awaitj.ThreadLocalBridge.class)) {
            found |= b instanceof MdcBridge;
        }
        assertTrue(found);
    }
}
