package org.awaitj.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherTest {

    @Test
    void everyPageArrivesInOrderAndNoMoreThanFiveAreFetchedAtOnce() throws Exception {
        SampleOutput out = SampleOutput.of(HttpFetcher::main);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            expected.add("/page/" + i + " -> 200 content of /page/" + i);
        }
        expected.add("Fetched 20 pages, at most 5 at a time");
        assertEquals(expected, out.beforeFinishedLine());
    }
}
