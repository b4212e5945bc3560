/** The asyncio guide's examples in Java, each runnable on its own and all of them from {@link org.awaitj.samples.RunAll}. */
package org.awaitj.samples;
