package org.awaitj;


/** When {@code AsyncIO.wait} returns, as asyncio's {@code return_when}. */
public enum ReturnWhen {
    /** As soon as any awaitable is done or cancelled. */
    FIRST_COMPLETED,
    /** As soon as any awaitable fails with an exception; else when all are done. */
    FIRST_EXCEPTION,
    /** When all are done. */
    ALL_COMPLETED
}
