package dev.callbacks.core.handlers;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.RunType;
import dev.callbacks.core.schema.AIMessage;
import dev.callbacks.core.schema.ChatGeneration;
import dev.callbacks.core.schema.LLMResult;
import dev.callbacks.core.schema.UsageMetadata;

/** Builders shared by the handler tests. */
final class HandlerTestSupport {

    private HandlerTestSupport() {
    }

    static RunInfo run(RunType type, String name) {
        return new RunInfo(UUID.randomUUID(), null, type, name, List.of(), Map.of());
    }

    static RunInfo chain(String name) {
        return run(RunType.CHAIN, name);
    }

    /** Runs the action with {@link System#out} pointing to {@code out}, and restores it after. */
    static void withSystemOut(PrintStream out, Runnable action) {
        PrintStream original = System.out;
        System.setOut(out);
        try {
            action.run();
        }
        finally {
            System.setOut(original);
        }
    }

    /** A chat result whose message carries usage and the model name, as providers report it. */
    static LLMResult chatResult(String model, long input, long output) {
        AIMessage message = AIMessage.of("answer").withUsage(UsageMetadata.of(input, output))
            .withResponseMetadata(Map.of("model_name", model));
        return LLMResult.of(ChatGeneration.of(message));
    }
}
