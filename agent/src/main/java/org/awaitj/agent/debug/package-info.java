/**
 * The reports planted at call sites, in the one write of a class: blocking calls on the loop thread, and
 * coroutines whose value the caller drops. Depends on transform for names and the class writer.
 */
package org.awaitj.agent.debug;
