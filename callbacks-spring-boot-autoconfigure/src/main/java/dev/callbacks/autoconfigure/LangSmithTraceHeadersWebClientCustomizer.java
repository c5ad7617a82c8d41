package dev.callbacks.autoconfigure;

import java.util.Objects;

import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the {@link LangSmithTraceHeadersExchangeFilter} to every {@code WebClient.Builder} Spring
 * Boot auto-configures, so that calls made inside a run carry its trace headers without wiring.
 */
public final class LangSmithTraceHeadersWebClientCustomizer implements WebClientCustomizer {

    private final LangSmithTraceHeadersExchangeFilter filter;

    /**
     * Creates the customizer.
     * @param filter the filter to add
     */
    public LangSmithTraceHeadersWebClientCustomizer(LangSmithTraceHeadersExchangeFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter must not be null");
    }

    @Override
    public void customize(WebClient.Builder builder) {
        builder.filter(this.filter);
    }
}
