package dev.callbacks.core;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Upstream's convention for chain inputs that are not known when a streamed run starts. */
public final class ChainInputs {

    /**
     * The placeholder input {@code {"input": ""}}: a streamed run reports it at start and the
     * realised input with its end event.
     */
    public static final Map<String, Object> UNKNOWN = Map.of("input", "");

    private ChainInputs() {
    }

    /** Whether the given inputs are the {@link #UNKNOWN} placeholder. */
    public static boolean isUnknown(@Nullable Object inputs) {
        // Map equality, spelled out: it is asked for every chain start, and equals() iterates entries.
        return inputs == UNKNOWN
                || (inputs instanceof Map<?, ?> map && map.size() == 1 && "".equals(map.get("input")));
    }
}
