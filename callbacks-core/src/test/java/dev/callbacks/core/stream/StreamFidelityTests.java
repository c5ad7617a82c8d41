package dev.callbacks.core.stream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.callbacks.core.runnables.RetryPolicy;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.testing.FailingRunnables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** Stream-event sequences that upstream pins in its tests (issue 12, section 3). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamFidelityTests {

    @Test
    void withRetryInsideAStreamedSequenceAddsNoRunAndItsStepStreamsWithTheWrappedName() {
        IllegalStateException boom = new IllegalStateException("fail");
        Runnable<String, String> success = RunnableLambda.of("success", (String s) -> "success");
        Runnable<String, String> fail = FailingRunnables.failing("fail", boom);
        Runnable<String, String> chain = success.pipe(fail.withRetry(RetryPolicy.attempts(1)));

        List<StreamEvent> events = new ArrayList<>();
        Throwable thrown = null;
        try (Stream<StreamEvent> stream = chain.streamEvents("q", dev.callbacks.core.config.RunnableConfig.empty())) {
            Iterator<StreamEvent> it = stream.iterator();
            while (it.hasNext()) {
                events.add(it.next());
            }
        }
        catch (RuntimeException ex) {
            thrown = ex;
        }

        assertThat(events).extracting((e) -> e.event() + " " + e.name() + " " + e.tags() + " " + new java.util.TreeMap<String, Object>((Map<String, Object>) e.data()))
            .containsExactly("on_chain_start RunnableSequence [] {input=q}",
                    "on_chain_start success [seq:step:1] {}",
                    "on_chain_stream success [seq:step:1] {chunk=success}",
                    "on_chain_start fail [seq:step:2] {}",
                    "on_chain_end success [seq:step:1] {input=q, output=success}");
        assertThat(thrown).isSameAs(boom);
    }
}
