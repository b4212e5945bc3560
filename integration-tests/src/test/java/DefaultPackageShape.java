import org.awaitj.Coroutine;
import org.awaitj.annotations.Async;

import static org.awaitj.AsyncIO.*;

/** An @Async method in the default package: its frame class has no package either. */
public class DefaultPackageShape {
    @Async
    static Coroutine<String> twice(String s) {
        String a = await(sleep(1, s));
        return result(a + await(sleep(1, s)));
    }
}
