package org.awaitj;

import java.util.List;

import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/** {@link NotRewrittenTest}'s program: run without the agent, so none of these methods is rewritten. */
public final class NotRewrittenProgram {
    private NotRewrittenProgram() {
    }

    @Async
    static Coroutine<String> main() {
        Task<Void> t = createTask(sleep(1)); // createTask first
        return result("never: " + await(t));
    }

    @Async
    static Coroutine<List<Void>> gathering() {
        return result(await(gather(sleep(1)))); // gather first
    }

    @Async
    static Coroutine<Integer> answer() {
        return result(42); // result first
    }

    @Async
    static Coroutine<Void> sleeping() {
        await(sleep(1)); // await first
        return result();
    }

    @Async
    static Coroutine<String> asksForTheLoop() {
        return result(getRunningLoop().toString()); // getRunningLoop first
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "createTask" -> AsyncIO.run(main());
            case "gather" -> AsyncIO.run(gathering());
            case "result" -> System.out.println(AsyncIO.run(answer()));
            case "await" -> AsyncIO.run(sleeping());
            case "loop" -> AsyncIO.run(asksForTheLoop());
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
