package dev.callbacks.core.manager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.callbacks.core.BaseCallbackHandler;
import dev.callbacks.core.CallbackHandler;
import dev.callbacks.core.LoggingHandler;
import dev.callbacks.core.RunType;
import dev.callbacks.core.handlers.StdOutCallbackHandler;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.RecordedEvent;
import dev.callbacks.core.testing.RecordingCallbackHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CallbackManager#configure}: the list-versus-manager asymmetry of semantics §2.3/§2.4,
 * the order of the resulting handlers, verbose and debug handlers, configure hooks and global
 * handlers.
 */
class CallbackManagerConfigureTests {

    private static final Serialized CHAIN = Serialized.of("chain");

    private final List<ConfigureHook> hooks = new ArrayList<>();

    private @Nullable Supplier<? extends BaseCallbackHandler> previousDebugFactory;

    @BeforeEach
    void saveDebugFactory() {
        this.previousDebugFactory = GlobalCallbacks.debugHandlerFactory();
        // Exact handler lists are asserted below: start clean even if another suite leaked state.
        GlobalCallbacks.clearHandlers();
        GlobalCallbacks.setDebug(false);
    }

    @AfterEach
    void resetGlobals() {
        GlobalCallbacks.clearHandlers();
        GlobalCallbacks.setDebug(false);
        GlobalCallbacks.setFailFast(false);
        GlobalCallbacks.setDebugHandlerFactory(this.previousDebugFactory);
        this.hooks.forEach(GlobalCallbacks::unregisterConfigureHook);
    }

    @Test
    void listInInheritableSlotIsCalledAndInheritedWithoutTagsOrMetadata() {
        LoggingHandler a = new LoggingHandler("a");
        LoggingHandler b = new LoggingHandler("b");

        CallbackManager manager = CallbackManager.configure(Callbacks.of(a, b));

        assertThat(manager.handlers()).containsExactly(a, b);
        assertThat(manager.inheritableHandlers()).containsExactly(a, b);
        assertThat(manager.parentRunId()).isNull();
        assertThat(manager.tags()).isEmpty();
        assertThat(manager.metadata()).isEmpty();
        CallbackManagerForChainRun run = manager.onChainStart(CHAIN, "in");
        assertThat(run.getChild().handlers()).containsExactly(a, b);
    }

    @Test
    void managerInInheritableSlotAppliesItsLocalPartsToThisRunOnly() {
        RecordingCallbackHandler inherited = new RecordingCallbackHandler();
        RecordingCallbackHandler local = new RecordingCallbackHandler();
        UUID parent = UUID.fromString("00000000-0000-7000-8000-000000000001");
        CallbackManager source = new CallbackManager(List.of(), List.of(), parent);
        source.addHandler(inherited, true);
        source.addHandler(local, false);
        source.addTags(List.of("inherited-tag"), true);
        source.addTags(List.of("local-tag"), false);
        source.addMetadata(Map.of("inherited", 1), true);
        source.addMetadata(Map.of("local", 2), false);

        CallbackManager manager = CallbackManager.configure(source);

        assertThat(manager.handlers()).containsExactly(inherited, local);
        assertThat(manager.inheritableHandlers()).containsExactly(inherited);
        assertThat(manager.parentRunId()).isEqualTo(parent);
        assertThat(manager.tags()).containsExactly("inherited-tag", "local-tag");
        assertThat(manager.inheritableTags()).containsExactly("inherited-tag");
        assertThat(manager.metadata()).containsExactly(Map.entry("inherited", 1), Map.entry("local", 2));
        assertThat(manager.inheritableMetadata()).containsExactly(Map.entry("inherited", 1));

        CallbackManagerForChainRun chain = manager.onChainStart(CHAIN, "in", null, RunType.CHAIN, "outer");
        CallbackManagerForToolRun tool = chain.getChild().onToolStart(Serialized.of("tool"), "x", Map.of(), null, "tool");
        tool.onToolEnd("y");
        chain.onChainEnd("out");

        assertThat(local.briefs()).containsExactly("onChainStart outer", "onChainEnd outer");
        assertThat(inherited.briefs()).containsExactly("onChainStart outer", "onToolStart tool", "onToolEnd tool",
                "onChainEnd outer");
        RecordedEvent outerStart = inherited.events().get(0);
        assertThat(outerStart.parentRunId()).isEqualTo(parent);
        assertThat(outerStart.tags()).containsExactly("inherited-tag", "local-tag");
        assertThat(outerStart.metadata()).containsExactly(Map.entry("inherited", 1), Map.entry("local", 2));
        RecordedEvent toolStart = inherited.events().get(1);
        assertThat(toolStart.parentRunId()).isEqualTo(chain.runId());
        assertThat(toolStart.tags()).containsExactly("inherited-tag");
        assertThat(toolStart.metadata()).containsExactly(Map.entry("inherited", 1));
    }

    @Test
    void localListHandlersAreCalledButNotInherited() {
        LoggingHandler inherited = new LoggingHandler("inherited");
        LoggingHandler local = new LoggingHandler("local");

        CallbackManager manager = CallbackManager.configure(Callbacks.of(inherited), Callbacks.of(local));

        assertThat(manager.handlers()).containsExactly(inherited, local);
        assertThat(manager.inheritableHandlers()).containsExactly(inherited);
        assertThat(manager.onChainStart(CHAIN, "in").getChild().handlers()).containsExactly(inherited);
    }

    @Test
    void localManagerContributesItsHandlersOnlyAndNoneAreInherited() {
        LoggingHandler inheritable = new LoggingHandler("inheritable");
        LoggingHandler local = new LoggingHandler("local");
        CallbackManager localManager = new CallbackManager(List.of(), List.of(),
                UUID.fromString("00000000-0000-7000-8000-000000000002"));
        localManager.addHandler(inheritable, true);
        localManager.addHandler(local, false);
        localManager.addTags(List.of("ignored"), true);
        localManager.addMetadata(Map.of("ignored", true), true);

        CallbackManager manager = CallbackManager.configure(null, localManager);

        assertThat(manager.handlers()).containsExactly(inheritable, local);
        assertThat(manager.inheritableHandlers()).isEmpty();
        assertThat(manager.parentRunId()).isNull();
        assertThat(manager.tags()).isEmpty();
        assertThat(manager.inheritableTags()).isEmpty();
        assertThat(manager.metadata()).isEmpty();
        assertThat(manager.inheritableMetadata()).isEmpty();
    }

    @Test
    void inheritableTagsAndMetadataAreInheritedLocalOnesAreNot() {
        LoggingHandler handler = new LoggingHandler("h");

        CallbackManager manager = CallbackManager.configure(Callbacks.of(handler), null, false, List.of("it"),
                List.of("lt"), Map.of("im", "1"), Map.of("lm", "2"));

        assertThat(manager.tags()).containsExactly("it", "lt");
        assertThat(manager.inheritableTags()).containsExactly("it");
        assertThat(manager.metadata()).containsExactly(Map.entry("im", "1"), Map.entry("lm", "2"));
        assertThat(manager.inheritableMetadata()).containsExactly(Map.entry("im", "1"));
        CallbackManager child = manager.onChainStart(CHAIN, "in").getChild();
        assertThat(child.tags()).containsExactly("it");
        assertThat(child.metadata()).containsExactly(Map.entry("im", "1"));
    }

    @Test
    void handlersAreOrderedListLocalVerboseHooksGlobals() {
        Sources sources = sources(false);

        CallbackManager manager = sources.configure(true);

        sources.assertAroundTheOneInTheMiddle(manager.handlers(), StdOutCallbackHandler.class);
        // StdOut is never inherited; the hook here is non-inheritable; globals always are.
        assertThat(manager.inheritableHandlers()).containsExactly(sources.inherited(), sources.global());
    }

    @Test
    void dispatcherCallsHandlersInConfiguredOrderForStartAndEndEvents() {
        Sources sources = sources(true);

        CallbackManagerForChainRun run = CallbackManager.configure(Callbacks.of(sources.inherited()),
                Callbacks.of(sources.local())).onChainStart(CHAIN, "in");
        run.onChainEnd("out");

        assertThat(sources.log()).containsExactly("inherited onChainStart", "local onChainStart", "hooked onChainStart",
                "global onChainStart", "inherited onChainEnd", "local onChainEnd", "hooked onChainEnd",
                "global onChainEnd");
    }

    @Test
    void debugHandlerComesAfterLocalHandlersAndBeforeHooksAndGlobals() {
        Sources sources = sources(true);
        GlobalCallbacks.setDebugHandlerFactory(DebugHandler::new);
        GlobalCallbacks.setDebug(true);

        CallbackManager manager = sources.configure(false);

        List<BaseCallbackHandler> handlers = manager.handlers();
        sources.assertAroundTheOneInTheMiddle(handlers, DebugHandler.class);
        assertThat(manager.inheritableHandlers()).containsExactly(sources.inherited(), handlers.get(2),
                sources.hooked(), sources.global());
    }

    @Test
    void verboseAddsOneNonInheritableStdOutHandler() {
        LoggingHandler handler = new LoggingHandler("h");

        CallbackManager manager = CallbackManager.configure(Callbacks.of(handler), null, true, List.of(), List.of(),
                Map.of(), Map.of());

        assertThat(manager.handlers()).hasSize(2);
        assertThat(manager.handlers().get(1)).isExactlyInstanceOf(StdOutCallbackHandler.class);
        assertThat(manager.inheritableHandlers()).containsExactly(handler);
    }

    @Test
    void verboseDoesNotAddASecondStdOutHandler() {
        StdOutCallbackHandler stdOut = new StdOutCallbackHandler();

        CallbackManager manager = CallbackManager.configure(Callbacks.of(stdOut), null, true, List.of(), List.of(),
                Map.of(), Map.of());

        assertThat(manager.handlers()).containsExactly(stdOut);
    }

    @Test
    void debugSuppressesVerboseStdOutAndAddsTheDebugHandlerAsInheritable() {
        GlobalCallbacks.setDebugHandlerFactory(DebugHandler::new);
        GlobalCallbacks.setDebug(true);

        CallbackManager manager = CallbackManager.configure(null, null, true, List.of(), List.of(), Map.of(), Map.of());

        assertThat(manager.handlers()).singleElement().isExactlyInstanceOf(DebugHandler.class);
        assertThat(manager.inheritableHandlers()).containsExactlyElementsOf(manager.handlers());
    }

    @Test
    void debugDoesNotAddASecondDebugHandlerToAChildThatInheritsOne() {
        GlobalCallbacks.setDebugHandlerFactory(DebugHandler::new);
        GlobalCallbacks.setDebug(true);
        CallbackManager root = CallbackManager.configure(null);
        BaseCallbackHandler debugHandler = root.handlers().get(0);

        CallbackManager child = CallbackManager.configure(root.onChainStart(CHAIN, "in").getChild());

        assertThat(child.handlers()).containsExactly(debugHandler);
    }

    @Test
    void debugWithoutAFactoryAddsNothing() {
        GlobalCallbacks.setDebugHandlerFactory(null);
        GlobalCallbacks.setDebug(true);

        CallbackManager manager = CallbackManager.configure(null, null, true, List.of(), List.of(), Map.of(), Map.of());

        assertThat(manager.handlers()).isEmpty();
    }

    @Test
    void globalHandlersAreAddedAsInheritableToEveryManager() {
        LoggingHandler global = new LoggingHandler("global");
        GlobalCallbacks.addHandler(global);
        GlobalCallbacks.addHandler(global);

        CallbackManager manager = CallbackManager.configure(null);

        assertThat(GlobalCallbacks.handlers()).containsExactly(global);
        assertThat(manager.handlers()).containsExactly(global);
        assertThat(manager.inheritableHandlers()).containsExactly(global);
    }

    @Test
    void aHandlerPassedAndRegisteredGloballyAppearsOnce() {
        LoggingHandler other = new LoggingHandler("other");
        LoggingHandler both = new LoggingHandler("both");
        GlobalCallbacks.addHandler(both);

        CallbackManager fromList = CallbackManager.configure(Callbacks.of(both, other));
        CallbackManager fromLocal = CallbackManager.configure(Callbacks.of(other), Callbacks.of(both));
        CallbackManager child = CallbackManager.configure(fromList.onChainStart(CHAIN, "in").getChild());

        assertThat(fromList.handlers()).containsExactly(both, other);
        assertThat(fromList.inheritableHandlers()).containsExactly(both, other);
        assertThat(fromLocal.handlers()).containsExactly(other, both);
        assertThat(fromLocal.inheritableHandlers()).containsExactly(other, both);
        assertThat(child.handlers()).containsExactly(both, other);
    }

    @Test
    void removedGlobalHandlerIsNoLongerAdded() {
        LoggingHandler global = new LoggingHandler("global");
        GlobalCallbacks.addHandler(global);
        GlobalCallbacks.removeHandler(global);

        assertThat(CallbackManager.configure(null).handlers()).isEmpty();
    }

    @Test
    void hookWithoutClassIsSkippedWhenTheSameInstanceIsPresent() {
        LoggingHandler hooked = new LoggingHandler("hooked");
        register(new FixedHook(hooked, false));

        CallbackManager manager = CallbackManager.configure(Callbacks.of(hooked));

        assertThat(manager.handlers()).containsExactly(hooked);
    }

    @Test
    void hookWithClassIsSkippedWhenAnyInstanceOfTheClassIsPresent() {
        DebugHandler present = new DebugHandler();
        register(new ClassHook(DebugHandler::new, DebugHandler.class));

        assertThat(CallbackManager.configure(Callbacks.of(present)).handlers()).containsExactly(present);
        assertThat(CallbackManager.configure(null).handlers()).singleElement().isNotSameAs(present)
            .isExactlyInstanceOf(DebugHandler.class);
    }

    @Test
    void scopedHookAddsItsHandlerOnlyInsideTheScope() {
        ScopedHandlerHook hook = new ScopedHandlerHook(true);
        register(hook);
        LoggingHandler outer = new LoggingHandler("outer");
        LoggingHandler inner = new LoggingHandler("inner");

        try (ScopedHandlerHook.Scope ignored = hook.open(outer)) {
            try (ScopedHandlerHook.Scope nested = hook.open(inner)) {
                assertThat(CallbackManager.configure(null).handlers()).containsExactly(inner);
            }
            assertThat(CallbackManager.configure(null).handlers()).containsExactly(outer);
        }
        assertThat(CallbackManager.configure(null).handlers()).isEmpty();
    }

    private void register(ConfigureHook hook) {
        GlobalCallbacks.registerConfigureHook(hook);
        this.hooks.add(hook);
    }

    /** Makes a handler for each source of handlers, logging to one log, and registers the hook and the global. */
    private Sources sources(boolean inheritableHook) {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Sources sources = new Sources(log, new LoggingHandler("inherited", log), new LoggingHandler("local", log),
                new LoggingHandler("hooked", log), new LoggingHandler("global", log));
        register(new FixedHook(sources.hooked(), inheritableHook));
        GlobalCallbacks.addHandler(sources.global());
        return sources;
    }

    /** One handler from each source {@code configure} takes handlers from, in the order it lists them. */
    record Sources(List<String> log, LoggingHandler inherited, LoggingHandler local, LoggingHandler hooked,
            LoggingHandler global) {

        /** Configures a manager from the inherited and local handlers, without tags or metadata. */
        CallbackManager configure(boolean verbose) {
            return CallbackManager.configure(Callbacks.of(this.inherited), Callbacks.of(this.local), verbose,
                    List.of(), List.of(), Map.of(), Map.of());
        }

        /** Asserts the inherited and local handlers, one handler of {@code middle}, then the hooked and global ones. */
        void assertAroundTheOneInTheMiddle(List<BaseCallbackHandler> handlers, Class<?> middle) {
            assertThat(handlers).hasSize(5);
            assertThat(handlers.subList(0, 2)).containsExactly(this.inherited, this.local);
            assertThat(handlers.get(2)).isExactlyInstanceOf(middle);
            assertThat(handlers.subList(3, 5)).containsExactly(this.hooked, this.global);
        }
    }

    /** Stands in for the console tracer that debug mode adds. */
    static final class DebugHandler implements CallbackHandler {
    }

    /** An inheritable hook that contributes a new handler each time, skipped where one of its class is present. */
    record ClassHook(Supplier<BaseCallbackHandler> factory, Class<?> handlerClass) implements ConfigureHook {

        @Override
        public BaseCallbackHandler currentHandler() {
            return this.factory.get();
        }

        @Override
        public boolean inheritable() {
            return true;
        }
    }

    /** A hook that always contributes the same handler. */
    record FixedHook(BaseCallbackHandler handler, boolean inheritable) implements ConfigureHook {

        @Override
        public BaseCallbackHandler currentHandler() {
            return this.handler;
        }
    }
}
