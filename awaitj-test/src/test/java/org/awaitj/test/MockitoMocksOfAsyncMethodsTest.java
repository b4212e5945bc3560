package org.awaitj.test;

import org.awaitj.AsyncIO;
import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;
import org.junit.jupiter.api.Test;

import static org.awaitj.AsyncIO.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.*;

/**
 * Mockito's inline mocks and spies (its default mock maker) of a class with {@code @Async} methods, awaited as
 * code under test awaits them: the stub answers, whether the await's site saw one class of receivers or more than
 * it links. A fused await would skip the mocked method; with Mockito on the class path the runtime does not fuse.
 */
class MockitoMocksOfAsyncMethodsTest {
    public static class Service {
        @Async
        public Coroutine<String> fetch(int id) {
            await(sleep(1));
            return result("real " + id);
        }
    }

    public static class Cached extends Service {
    }

    public static class Remote extends Service {
    }

    /** The code under test: one site, whose receivers may be of several classes. */
    @Async
    static Coroutine<String> fetchAll(Service... services) {
        StringBuilder s = new StringBuilder();
        for (Service service : services) {
            s.append(await(service.fetch(7))).append("; ");
        }
        return result(s.toString());
    }

    @Test
    void aMockAnswersItsStubWhenAwaited() {
        Service service = mock(Service.class);
        when(service.fetch(7)).thenReturn(sleep(0, "stubbed"));
        assertEquals("stubbed; ", AsyncIO.run(fetchAll(service)));
        verify(service).fetch(7);
    }

    @Test
    void aMockPastTheClassesASiteLinksAnswersItsStub() {
        Service service = mock(Service.class);
        when(service.fetch(7)).thenReturn(sleep(0, "stubbed"));
        assertEquals("real 7; real 7; stubbed; ", AsyncIO.run(fetchAll(new Cached(), new Remote(), service)));
    }

    @Test
    void aSpyRunsTheRealMethodUnlessStubbed() {
        Service real = spy(new Service());
        Service stubbed = spy(new Service());
        doReturn(sleep(0, "spied")).when(stubbed).fetch(7);
        assertEquals("real 7; spied; ", AsyncIO.run(fetchAll(real, stubbed)));
        verify(real).fetch(7);
    }
}
