/**
 * The awaitj agent: {@code premain}/{@code agentmain}, {@link org.awaitj.agent.AwaitJAgent#install()}, the
 * class file transformer that rewrites each class as it loads, and the command line of the jar ({@code lint},
 * {@code instrument}, {@code ps}, {@code pstree}). Depends on the packages below it and on ASM and Byte Buddy,
 * shaded; never on the runtime, whose names it takes from {@link org.awaitj.agent.transform.Names}.
 */
package org.awaitj.agent;
