/**
 * Rewriting at build time, in place, for class folders and jars: what {@code java -jar awaitj-agent.jar
 * instrument} and the Maven plugin run. Rewritten classes carry a mark that the agent and a second run respect.
 */
package org.awaitj.agent.instrument;
