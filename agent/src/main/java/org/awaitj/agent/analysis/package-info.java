/**
 * Analysis of a method before it is rewritten: types at every instruction from the stack map frames (no
 * class is loaded), control flow, liveness of locals, monitor depth. Emits nothing; depends on ASM alone.
 */
package org.awaitj.agent.analysis;
