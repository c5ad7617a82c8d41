package dev.callbacks.core.testing;

import java.util.List;

import dev.callbacks.core.CallbackEvent;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.schema.BaseMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch check of the adapter models: each input of a batch is a request and a run of its own. */
public final class ChatModelBatch {

    private ChatModelBatch() {
    }

    /**
     * Batches three inputs through an adapter model, the server answering {@code re: <input>},
     * and asserts the answers, in input order, and one complete model run per input.
     * @param server the server the model talks to; its answers are scripted here
     * @param model the adapter model
     */
    public static void assertEachInputIsItsOwnRun(OpenAiStubServer server, BaseChatModel model) {
        server.respond((request) -> OpenAiStubServer.Reply
            .json(OpenAiStubServer.completion("re: " + OpenAiStubServer.lastUserText(request), 1, 1)));
        RecordingCallbackHandler recorder = new RecordingCallbackHandler();

        List<BaseMessage> answers = model.batch(List.of("a", "b", "c"),
                RunnableConfig.builder().callbacks(recorder).build());

        assertThat(answers).extracting(BaseMessage::content).containsExactly("re: a", "re: b", "re: c");
        assertThat(recorder.events(CallbackEvent.CHAT_MODEL_START)).hasSize(3);
        recorder.assertComplete();
    }
}
