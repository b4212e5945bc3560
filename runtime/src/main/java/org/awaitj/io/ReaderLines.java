package org.awaitj.io;

import java.util.NoSuchElementException;

import org.awaitj.AsyncIterable;
import org.awaitj.AsyncIterator;
import org.awaitj.Coroutine;
import org.awaitj.internal.AwaitThen;
import org.awaitj.internal.CoroutineSupport;

/**
 * {@code StreamReader.lines()}: asyncio's {@code async for line in reader}. Each element is what
 * {@link StreamReader#readLine()} returns, the {@code \n} included (the last line may lack it); the iteration
 * ends at EOF. Closing the iteration leaves the reader open, as leaving Python's loop does.
 */
final class ReaderLines implements AsyncIterable<byte[]> {
    private final StreamReader reader;

    ReaderLines(StreamReader reader) {
        this.reader = reader;
    }

    @Override
    public AsyncIterator<byte[]> iterator() {
        return new AsyncIterator<>() {
            private byte[] line;
            private boolean ended;

            @Override
            public Coroutine<Boolean> hasNext() {
                if (line != null || ended) {
                    return AwaitThen.done(StreamReader.class, "lines", line != null);
                }
                try {
                    return new AwaitThen<>(StreamReader.class, "lines", reader.readLine(), read -> {
                        if (read.length == 0) {
                            ended = true;
                            return false;
                        }
                        line = read;
                        return true;
                    });
                } catch (java.io.IOException e) {
                    throw CoroutineSupport.sneakyThrow(e);   // declared by readLine(), thrown by its coroutine
                }
            }

            @Override
            public byte[] next() {
                byte[] l = line;
                if (l == null) {
                    throw new NoSuchElementException(ended ? "the reader is at EOF" : "await hasNext() first");
                }
                line = null;
                return l;
            }

            @Override
            public Coroutine<Void> closeAsync() {
                ended = true;
                line = null;
                return AwaitThen.done(StreamReader.class, "lines", null);
            }
        };
    }
}
