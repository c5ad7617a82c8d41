package dev.callbacks.core;

import java.util.UUID;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.config.RunnableContext;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunnableConfigEnsureTests {

    @Test
    void anExplicitChildManagerWithoutHandlersIsNotReplacedByTheCurrentContext() {
        RecordingCallbackHandler outer = new RecordingCallbackHandler();
        CallbackManagerForChainRun outerRun = CallbackManager.configure(Callbacks.of(outer))
            .onChainStart(dev.callbacks.core.schema.Serialized.EMPTY, "in");
        UUID otherParent = UUID.randomUUID();
        CallbackManager explicit = new CallbackManager(java.util.List.of(), java.util.List.of(), otherParent);
        RunnableConfig previous = RunnableContext.swap(RunnableConfig.builder().callbacks(outerRun.getChild()).build());
        try {
            RunnableConfig ensured = RunnableConfig.ensure(RunnableConfig.builder().callbacks(explicit).build());

            assertThat(ensured.callbacks()).isSameAs(explicit);
            assertThat(explicit.isEmpty()).isFalse();
        }
        finally {
            RunnableContext.restore(previous);
            outerRun.onChainEnd("out");
        }
    }

    @Test
    void ensureWithTheCurrentConfigGivenOverlaysOnItAsEnsureDoesWithTheThreadsOwn() {
        RunnableConfig current = RunnableConfig.builder().tags("outer").metadata("user", "42").build();
        RunnableConfig call = RunnableConfig.builder().runName("step").build();

        RunnableConfig given = RunnableConfig.ensure(call, current);
        RunnableConfig previous = RunnableContext.swap(current);
        RunnableConfig read;
        try {
            read = RunnableConfig.ensure(call);
        }
        finally {
            RunnableContext.restore(previous);
        }

        assertThat(given.tags()).containsExactly("outer").isEqualTo(read.tags());
        assertThat(given.metadata()).containsExactly(java.util.Map.entry("user", "42")).isEqualTo(read.metadata());
        assertThat(given.runName()).contains("step").isEqualTo(read.runName());
        assertThat(RunnableConfig.ensure(null, null)).isSameAs(RunnableConfig.ensure(null));
    }

    @Test
    void emptyAndFilledMetadataAnswerANullKeyAlike() {
        RunnableConfig empty = RunnableConfig.builder().build();
        RunnableConfig filled = RunnableConfig.builder().metadata("user", "42").configurable("model", "m").build();

        assertThat(empty.metadata().containsKey(null)).isFalse().isEqualTo(filled.metadata().containsKey(null));
        assertThat(empty.configurable().get(null)).isNull();
        assertThat(filled.configurable().get(null)).isNull();
    }

    @Test
    void enterMakesAConfigCurrentAndRestorePutsBackWhatCurrentReturnedBefore() {
        RunnableConfig before = RunnableContext.current();
        RunnableConfig config = RunnableConfig.builder().tags("inside").build();

        RunnableContext.enter(config);
        try {
            assertThat(RunnableContext.current()).isSameAs(config);
        }
        finally {
            RunnableContext.restore(before);
        }

        assertThat(RunnableContext.current()).isSameAs(before);
    }

    @Test
    void mergingWithNothingReturnsACopyOfTheManagerNotTheSameInstance() {
        CallbackManager manager = new CallbackManager(java.util.List.of(new RecordingCallbackHandler()));
        RunnableConfig withManager = RunnableConfig.builder().callbacks(manager).build();

        RunnableConfig left = RunnableConfig.merge(RunnableConfig.empty(), withManager);
        RunnableConfig right = RunnableConfig.merge(withManager, RunnableConfig.empty());

        assertThat(left.callbacks()).isNotSameAs(manager).isInstanceOf(CallbackManager.class);
        assertThat(right.callbacks()).isNotSameAs(manager).isInstanceOf(CallbackManager.class);
        ((CallbackManager) left.callbacks()).addHandler(CallbackHandler.NOOP);
        assertThat(manager.handlers()).hasSize(1);
        assertThat(((CallbackManager) right.callbacks()).handlers()).isEqualTo(manager.handlers());
    }

    @Test
    void ensureCopiesConfigurableModelAndCheckpointNsIntoMetadataAndNoOtherConfigurableKey() {
        RunnableConfig config = RunnableConfig.builder()
            .configurable("model", "gpt-x")
            .configurable("checkpoint_ns", "graph:1")
            .configurable("temperature", 0.5)
            .configurable("api_key", "secret")
            .metadata("user", "42")
            .build();

        RunnableConfig ensured = RunnableConfig.ensure(config);

        assertThat(ensured.metadata()).containsExactly(java.util.Map.entry("user", "42"),
                java.util.Map.entry("model", "gpt-x"), java.util.Map.entry("checkpoint_ns", "graph:1"));
        assertThat(ensured.configurable()).isEqualTo(config.configurable());
    }

    @Test
    void ensureKeepsMetadataThatAlreadyNamesTheModel() {
        RunnableConfig config = RunnableConfig.builder()
            .configurable("model", "from-configurable")
            .metadata("model", "from-metadata")
            .build();

        assertThat(RunnableConfig.ensure(config).metadata()).containsExactly(java.util.Map.entry("model", "from-metadata"));
    }

    @Test
    void aRunSeesTheConfigurableModelInItsStartMetadata() {
        RecordingCallbackHandler handler = new RecordingCallbackHandler();
        dev.callbacks.core.runnables.RunnableLambda.of((String s) -> s)
            .invoke("x", RunnableConfig.builder().callbacks(handler).configurable("model", "m1")
                .configurable("thread_id", "t1").build());

        assertThat(handler.events().get(0).metadata()).containsExactly(java.util.Map.entry("model", "m1"));
    }
}
