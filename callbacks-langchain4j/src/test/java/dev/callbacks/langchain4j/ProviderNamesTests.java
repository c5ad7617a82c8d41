package dev.callbacks.langchain4j;

import dev.langchain4j.model.ModelProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener bridge and the adapter name a LangChain4j provider the same way, as upstream's integrations do. */
class ProviderNamesTests {

    @Test
    void theBridgeAndTheAdapterAgreeOnEveryProvider() {
        for (ModelProvider provider : ModelProvider.values()) {
            String adapter = AdapterConversions.lsProvider(provider);
            assertThat(LangChain4jMessages.provider(provider)).as("%s", provider)
                .isEqualTo((adapter != null) ? adapter : "other");
        }
        assertThat(LangChain4jMessages.provider(ModelProvider.MISTRAL_AI)).isEqualTo("mistral");
        assertThat(LangChain4jMessages.provider(ModelProvider.GOOGLE_VERTEX_AI_ANTHROPIC))
            .isEqualTo("google_anthropic_vertex");
        assertThat(LangChain4jMessages.provider(null)).isEqualTo("other");
    }
}
