package dev.callbacks.core.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.callbacks.core.internal.stream.ReadOnlyMap;

/**
 * Upstream's patch of the first event (§7.1 step 4): a streamed run learns its input only at its
 * end, so the first event the consumer sees gets {@code data.input} = the input of the call, and
 * the end event of that same run then loses its {@code data.input}, which would only repeat it.
 * Applied on the consumer side, after filtering, so "first" means first <em>delivered</em>.
 *
 * <p>Custom events pass through untouched: their data belongs to whoever dispatched them (upstream
 * would write into it, or fail when it is not a map), so the rule applies to the first run event.
 * Not thread-safe: one per consumer.
 */
final class FirstEventRule implements UnaryOperator<StreamEvent> {

    private final @Nullable Object input;

    private @Nullable UUID firstRunId;

    FirstEventRule(@Nullable Object input) {
        this.input = input;
    }

    @Override
    public StreamEvent apply(StreamEvent event) {
        if (this.firstRunId == null) {
            if (event.isCustom()) {
                return event;
            }
            this.firstRunId = event.runId();
            LinkedHashMap<String, Object> data = new LinkedHashMap<>(event.dataMap());
            data.put("input", this.input);
            return event.withData(ReadOnlyMap.adopt(data));
        }
        if (event.runId().equals(this.firstRunId) && event.event().endsWith("_end")
                && event.data() instanceof Map<?, ?> map && map.containsKey("input")) {
            LinkedHashMap<String, Object> data = new LinkedHashMap<>(event.dataMap());
            data.remove("input");
            return event.withData(ReadOnlyMap.adopt(data));
        }
        return event;
    }
}
