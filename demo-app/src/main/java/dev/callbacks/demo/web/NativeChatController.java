package dev.callbacks.demo.web;

import java.util.Objects;
import java.util.UUID;

import dev.callbacks.core.RunnableConfig;
import dev.callbacks.core.Uuids;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.demo.NativeChat;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider's own API, traced: {@code POST /api/native/chat} ({@code {"input": "..."}})
 * answers through {@link NativeChat} (with Spring AI, a {@code ChatClient} and a {@code @Tool})
 * inside one root run named {@value #RUN_NAME}, and returns the answer with that run's id, under
 * which the bridge nests the chat client, model and tool runs
 * ({@code /actuator/langchain/runs/{runId}}).
 */
@RestController
class NativeChatController {

    /** The name of the root run. */
    static final String RUN_NAME = "NativeChat";

    private final RunnableLambda<String, String> chat;

    NativeChatController(NativeChat nativeChat) {
        this.chat = RunnableLambda.of(RUN_NAME, nativeChat::answer);
    }

    @PostMapping(path = "/api/native/chat", produces = MediaType.APPLICATION_JSON_VALUE)
    Answer chat(@RequestBody(required = false) @Nullable Question question) {
        String input = InvalidInputException.requireText("input", (question != null) ? question.input() : null);
        UUID runId = Uuids.uuid7();
        String output = this.chat.invoke(input, RunnableConfig.builder().runId(runId).build());
        return new Answer((output != null) ? output : "", runId);
    }

    /**
     * A question.
     *
     * @param input the question; required, not blank
     */
    record Question(@Nullable String input) {
    }

    /**
     * The answer.
     *
     * @param output the model's answer
     * @param runId the id of the root run
     */
    record Answer(String output, UUID runId) {

        Answer {
            Objects.requireNonNull(output, "output must not be null");
            Objects.requireNonNull(runId, "runId must not be null");
        }
    }
}
