package dev.callbacks.springai;

import java.util.List;

import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.testing.StreamedChainEvents;
import org.junit.jupiter.api.Test;

/** The prompt | model | parser chain on {@link SpringAiChatModel} under stream events v2. */
class SpringAiChatModelStreamEventsTests extends BridgeTestSupport {

    @Override
    protected List<CallbackHandler> globalHandlers() {
        return List.of();
    }

    @Test
    void aStreamedChainYieldsOneModelChunkAndOneChainChunkPerServerChunk() {
        this.server.respond(StreamedChainEvents::reply);

        StreamedChainEvents.assertOneChunkPerServerChunk(
                SpringAiChatModel.of(SpringAiTestModels.openAi(this.server, this.registry)), "SpringAiChatModel",
                this.server);
    }
}
