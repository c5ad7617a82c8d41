package dev.callbacks.langchain4j;

import dev.langchain4j.observability.api.AiServiceListenerRegistrar;
import dev.langchain4j.observability.api.DefaultAiServiceListenerRegistrar;
import dev.langchain4j.spi.observability.AiServiceListenerRegistrarFactory;

/**
 * LangChain4j's SPI for AI Service listeners, declared in
 * {@code META-INF/services/dev.langchain4j.spi.observability.AiServiceListenerRegistrarFactory}:
 * every AI Service built while this module is on the class path gets LangChain4j's default
 * registrar with the bridge's listeners already registered, so each invocation becomes a chain
 * run without any change to the user's code. Listeners the user registers are added next to
 * ours. {@link LangChain4jBridge#setAiServicesEnabled(boolean)} switches them off.
 *
 * <p>LangChain4j uses the first factory {@code ServiceLoader} finds: another library declaring
 * one too makes the choice depend on the class path order.
 */
public final class LangChain4jAiServiceListenerRegistrarFactory implements AiServiceListenerRegistrarFactory {

    @Override
    public AiServiceListenerRegistrar get() {
        AiServiceListenerRegistrar registrar = new DefaultAiServiceListenerRegistrar();
        registrar.register(AiServiceRuns.global().listeners());
        return registrar;
    }
}
