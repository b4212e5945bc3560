/**
 * {@code ps} and {@code pstree}: the tasks of the event loops of another running JVM, read through the Attach
 * API and a short JFR recording of the runtime's snapshot events. Loads nothing of awaitj into the target.
 */
package org.awaitj.agent.inspect;
