/**
 * {@code java -jar awaitj-agent.jar lint}: the classic asyncio mistakes found in class files before the program
 * runs, with every refusal the transformer would make. Depends on analysis, transform and debug.
 */
package org.awaitj.agent.lint;
