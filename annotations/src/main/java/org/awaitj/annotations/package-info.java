/** {@link org.awaitj.annotations.Async}, the one annotation of awaitj; this module depends on nothing. */
package org.awaitj.annotations;
