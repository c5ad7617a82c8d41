package dev.callbacks.autoconfigure;

import dev.callbacks.core.tracers.LangChainTracer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for LangSmith's distributed tracing, active
 * with the LangChain tracer unless {@code langchain.tracing.distributed.enabled=false}: in a
 * servlet application, a {@link LangSmithTraceHeadersFilter} continues the traces of incoming
 * requests that carry {@code langsmith-trace}/{@code baggage} headers. Outgoing calls made inside
 * a run carry those headers: with Spring Web present, a {@link LangSmithTraceHeadersInterceptor}
 * bean is ready for any {@code RestClient} or {@code RestTemplate}, and is added to every
 * auto-configured {@code RestClient.Builder} ({@link LangSmithTraceHeadersRestClientCustomizer})
 * when Spring Boot's RestClient support is present; with Spring WebFlux and Spring Boot's
 * WebClient support present, a {@link LangSmithTraceHeadersExchangeFilter} is added to every
 * auto-configured {@code WebClient.Builder} ({@link LangSmithTraceHeadersWebClientCustomizer}).
 */
@AutoConfiguration(after = LangChainTracingAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "langchain.tracing.distributed.enabled", matchIfMissing = true)
@ConditionalOnBean(LangChainTracer.class)
public final class LangSmithDistributedTracingAutoConfiguration {

    /** The incoming side, in servlet applications. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    static class IncomingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LangSmithTraceHeadersFilter langSmithTraceHeadersFilter() {
            return new LangSmithTraceHeadersFilter();
        }
    }

    /** The outgoing side, when Spring Web's client is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.http.client.ClientHttpRequestInterceptor")
    static class OutgoingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LangSmithTraceHeadersInterceptor langSmithTraceHeadersInterceptor(LangChainTracer tracer) {
            return new LangSmithTraceHeadersInterceptor(tracer);
        }
    }

    /**
     * Applies the interceptor to auto-configured RestClient builders, when Spring Boot's
     * RestClient support is present.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.restclient.RestClientCustomizer")
    static class RestClientConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LangSmithTraceHeadersRestClientCustomizer langSmithTraceHeadersRestClientCustomizer(
                LangSmithTraceHeadersInterceptor interceptor) {
            return new LangSmithTraceHeadersRestClientCustomizer(interceptor);
        }
    }

    /** The outgoing side of WebClient, when Spring WebFlux and Spring Boot's WebClient support are present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "org.springframework.web.reactive.function.client.WebClient",
            "org.springframework.boot.webclient.WebClientCustomizer" })
    static class WebClientConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LangSmithTraceHeadersExchangeFilter langSmithTraceHeadersExchangeFilter(LangChainTracer tracer) {
            return new LangSmithTraceHeadersExchangeFilter(tracer);
        }

        @Bean
        @ConditionalOnMissingBean
        LangSmithTraceHeadersWebClientCustomizer langSmithTraceHeadersWebClientCustomizer(
                LangSmithTraceHeadersExchangeFilter filter) {
            return new LangSmithTraceHeadersWebClientCustomizer(filter);
        }
    }
}
