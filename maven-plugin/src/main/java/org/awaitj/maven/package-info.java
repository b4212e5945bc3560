/**
 * The awaitj Maven plugin: goals {@code instrument} and {@code instrument-tests}, the agent's rewriting at
 * build time for {@code target/classes} and {@code target/test-classes}. Depends on the agent jar.
 */
package org.awaitj.maven;
