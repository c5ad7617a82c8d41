package dev.callbacks.demo;

import java.util.List;

import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.models.FakeChatModel;
import dev.callbacks.core.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application replaces the demo's chat model by declaring its own {@code chatModel} bean; here
 * the replacement fails half-way through its answer, and the chat stream reports the tokens it got
 * and then the failure as an event named {@code run_error}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
@ExtendWith(LogCapture.class)
class ChatModelReplacementTests {

    @LocalServerPort
    private int port;

    @Autowired
    @Qualifier("chatModel")
    private BaseChatModel chatModel;

    @Test
    void theApplicationsChatModelReplacesTheScriptedOne() {
        assertThat(this.chatModel.modelName()).isEqualTo("flaky-model");
    }

    @Test
    void aFailingRunEndsTheStreamWithARunErrorEvent() throws Exception {
        SseClient.Response response = new SseClient(this.port).get("/api/chat/stream", "where do cats sleep?");

        assertThat(response.status()).isEqualTo(200);
        List<SseClient.Message> messages = response.messages();
        assertThat(messages).extracting(SseClient.Message::event).containsExactly("token", "token", "run_error");
        assertThat(messages.get(0).json().get("token").asString()).isEqualTo("Cats");
        assertThat(messages.get(1).json().get("token").asString()).isEqualTo(" nap");
        assertThat(messages.get(2).data()).isEqualTo("{\"error\":\"the model is down\"}");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FlakyModelConfiguration {

        @Bean
        BaseChatModel chatModel() {
            return FakeChatModel.builder()
                .modelName("flaky-model")
                .response("Cats nap all day long.")
                .failAfterChunks(2, new IllegalStateException("the model is down"))
                .build();
        }
    }
}
