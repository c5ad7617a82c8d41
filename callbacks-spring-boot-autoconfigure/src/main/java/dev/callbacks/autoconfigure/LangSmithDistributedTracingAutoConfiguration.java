package dev.callbacks.autoconfigure;

import dev.callbacks.core.tracers.LangChainTracer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for LangSmith's distributed tracing, active
 * with the LangChain tracer unless {@code langchain.tracing.distributed.enabled=false}: in a
 * servlet application, a {@link LangSmithTraceHeadersFilter} continues the traces of incoming
 * requests that carry {@code langsmith-trace}/{@code baggage} headers; with Spring Web present, a
 * {@link LangSmithTraceHeadersInterceptor} bean is ready to add them to outgoing calls; with
 * Spring WebFlux and Spring Boot's WebClient support present, a
 * {@link LangSmithTraceHeadersExchangeFilter} is added to every auto-configured
 * {@code WebClient.Builder} through a {@link WebClientCustomizer}.
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
        @ConditionalOnMissingBean(name = "langSmithTraceHeadersWebClientCustomizer")
        WebClientCustomizer langSmithTraceHeadersWebClientCustomizer(LangSmithTraceHeadersExchangeFilter filter) {
            return (builder) -> builder.filter(filter);
        }
    }
}
