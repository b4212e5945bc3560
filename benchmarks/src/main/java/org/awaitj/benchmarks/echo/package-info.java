/** The 1 KiB echo over loopback: one system per runtime (awaitj, Netty, virtual threads), one JMH class. */
package org.awaitj.benchmarks.echo;
