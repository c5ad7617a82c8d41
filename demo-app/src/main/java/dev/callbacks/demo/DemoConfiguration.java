package dev.callbacks.demo;

import java.util.Map;

import dev.callbacks.core.agents.AgentExecutor;
import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.models.BaseChatModel;
import dev.callbacks.core.parsers.StrOutputParser;
import dev.callbacks.core.prompts.ChatPromptTemplate;
import dev.callbacks.core.runnables.Runnable;
import dev.callbacks.core.runnables.RunnableLambda;
import dev.callbacks.core.testing.CatAgentExample;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The seeds' examples as beans, and the callback handlers the demo declares.
 *
 * <p>Nothing here passes a handler to a call: every {@code CallbackHandler} bean is registered by
 * the starter as a global handler and so receives every run, next to the starter's own handlers
 * (metrics, tracing, verbose output).
 */
@Configuration(proxyBeanMethods = false)
public class DemoConfiguration {

    /** The run name of the chat chain. */
    public static final String CHAT_CHAIN_NAME = "ChatChain";

    /** The run name of the reflect lambda. */
    public static final String REFLECT_NAME = "reflect";

    /**
     * The seed's cat agent ("where is the cat hiding? what items are in that location?"), named
     * {@code Agent}: its model is tagged {@code agent_llm}; {@code get_items} asks its own model,
     * tagged {@code tool_llm}, with the tool run's callbacks.
     */
    @Bean
    AgentExecutor catAgent(@Qualifier("agentModel") BaseChatModel agentModel, DemoProperties properties) {
        return AgentExecutor.builder()
            .name(CatAgentExample.AGENT_NAME)
            .model(agentModel.withConfig(RunnableConfig.builder().tags("agent_llm").build()))
            .tools(CatAgentExample.getItems(properties.tokenDelay()), CatAgentExample.whereCatIsHiding())
            .build();
    }

    /** A plain chat chain, prompt then model then parser, whose tokens stream through the parser. */
    @Bean
    Runnable<Map<String, Object>, String> chatChain(@Qualifier("chatModel") BaseChatModel chatModel) {
        ChatPromptTemplate prompt = ChatPromptTemplate.builder()
            .system("You are a helpful assistant who knows a lot about cats. Answer in one or two sentences.")
            .human("{input}")
            .build();
        return prompt.pipe(chatModel).pipe(new StrOutputParser()).withName(CHAT_CHAIN_NAME);
    }

    /**
     * The seed's {@code reflect} lambda: it dispatches {@code event1} with the input reversed and
     * {@code event2} with the number 5, then returns its input. No config is passed: the events
     * find their run through the run context.
     */
    @Bean
    RunnableLambda<String, String> reflect() {
        return RunnableLambda.of(REFLECT_NAME, (String value) -> {
            Callbacks.dispatchCustomEvent("event1", Map.of("reversed", new StringBuilder(value).reverse().toString()));
            Callbacks.dispatchCustomEvent("event2", 5);
            return value;
        });
    }

    /** Prices the tokens of every model call (a handler bean: it sees every run without being passed). */
    @Bean
    CostTracker costTracker(DemoProperties properties) {
        return new CostTracker(properties.pricing());
    }

    /** Logs every agent action and tool step (a handler bean: it sees every run without being passed). */
    @Bean
    AgentStepTracer agentStepTracer() {
        return new AgentStepTracer();
    }
}
