package dev.callbacks.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;

import static org.assertj.core.api.Assertions.assertThat;

class LangChainApiKeySanitizingFunctionTests {

    private final LangChainApiKeySanitizingFunction function = new LangChainApiKeySanitizingFunction();

    @Test
    void masksTheKeyInEverySpellingAndTheEnvironmentVariables() {
        for (String key : new String[] { "langchain.tracing.api-key", "langchain.tracing.apiKey",
                "LANGCHAIN_TRACING_APIKEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY", "langsmith.api-key" }) {
            assertThat(this.function.apply(new SanitizableData(null, key, "lsv2_pt_secret")).getValue()).as(key)
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
        }
    }

    @Test
    void leavesOtherKeysAndAbsentValuesAlone() {
        assertThat(this.function.apply(new SanitizableData(null, "langchain.tracing.project", "shop")).getValue())
            .isEqualTo("shop");
        assertThat(this.function.apply(new SanitizableData(null, "other.api-key", "x")).getValue()).isEqualTo("x");
        assertThat(this.function.apply(new SanitizableData(null, "LANGSMITH_API_KEY", null)).getValue()).isNull();
    }
}
