/** JMH benchmarks of awaitj beside its peers; built only with the {@code benchmarks} profile. */
package org.awaitj.benchmarks;
