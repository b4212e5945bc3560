/**
 * The rewriting of {@code @Async} methods into state machines: a pipeline of small passes, each one rewrite
 * (see {@link org.awaitj.agent.transform.AsyncTransformer}), fed by one plan per method from the analysis.
 * Every runtime name the agent emits or matches is in {@link org.awaitj.agent.transform.Names}. Bytes in,
 * bytes out: defining classes is the caller's job.
 */
package org.awaitj.agent.transform;
