/**
 * SLF4J for awaitj: {@link org.awaitj.slf4j.MdcBridge} makes the MDC follow each task.
 */
package org.awaitj.slf4j;
