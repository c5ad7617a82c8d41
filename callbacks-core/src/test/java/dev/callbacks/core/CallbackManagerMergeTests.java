package dev.callbacks.core;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.callbacks.core.config.RunnableConfig;
import dev.callbacks.core.manager.BaseCallbackManager;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.Callbacks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RunnableConfig#merge} (upstream's {@code merge_configs}, semantics §2.5) and
 * {@link BaseCallbackManager#merge} / {@link BaseCallbackManager#copy} (§2.2).
 */
class CallbackManagerMergeTests {

    private static final UUID FIRST_PARENT = UUID.fromString("00000000-0000-7000-8000-00000000000a");

    private static final UUID SECOND_PARENT = UUID.fromString("00000000-0000-7000-8000-00000000000b");

    private final LoggingHandler a = new LoggingHandler("a");

    private final LoggingHandler b = new LoggingHandler("b");

    private final LoggingHandler x = new LoggingHandler("x");

    private final LoggingHandler y = new LoggingHandler("y");

    @Test
    void listMergedWithNothingIsTheList() {
        Callbacks merged = mergeCallbacks(Callbacks.of(this.a), Callbacks.none());

        assertThat(merged).isInstanceOf(Callbacks.Handlers.class);
        assertThat(((Callbacks.Handlers) merged).handlers()).containsExactly(this.a);
    }

    @Test
    void nothingMergedWithAListIsTheList() {
        Callbacks merged = mergeCallbacks(Callbacks.none(), Callbacks.of(this.a));

        assertThat(((Callbacks.Handlers) merged).handlers()).containsExactly(this.a);
    }

    @Test
    void listMergedWithListIsTheConcatenation() {
        Callbacks merged = mergeCallbacks(Callbacks.of(this.a), Callbacks.of(this.b));

        assertThat(((Callbacks.Handlers) merged).handlers()).containsExactly(this.a, this.b);
    }

    @Test
    void managerMergedWithListIsACopyOfTheManagerWithTheListInheritable() {
        CallbackManager manager = localOnly(this.x);

        Callbacks merged = mergeCallbacks(manager, Callbacks.of(this.a));

        assertThat(merged).isInstanceOf(CallbackManager.class).isNotSameAs(manager);
        CallbackManager result = (CallbackManager) merged;
        assertThat(result.handlers()).containsExactly(this.x, this.a);
        assertThat(result.inheritableHandlers()).containsExactly(this.a);
        assertThat(result.parentRunId()).isEqualTo(FIRST_PARENT);
        assertThat(manager.handlers()).containsExactly(this.x);
        assertThat(manager.inheritableHandlers()).isEmpty();
    }

    @Test
    void listMergedWithManagerIsACopyOfTheManagerWithTheListInheritable() {
        CallbackManager manager = localOnly(this.x);

        Callbacks merged = mergeCallbacks(Callbacks.of(this.a), manager);

        assertThat(merged).isInstanceOf(CallbackManager.class).isNotSameAs(manager);
        CallbackManager result = (CallbackManager) merged;
        assertThat(result.handlers()).containsExactly(this.x, this.a);
        assertThat(result.inheritableHandlers()).containsExactly(this.a);
        assertThat(manager.handlers()).containsExactly(this.x);
    }

    @Test
    void managerMergedWithManagerKeepsHandlersAndInheritableHandlersApart() {
        CallbackManager first = localOnly(this.x);
        first.addHandler(this.a, true);
        CallbackManager second = new CallbackManager(List.of(), List.of(), SECOND_PARENT);
        second.addHandler(this.y, false);
        second.addHandler(this.b, true);

        Callbacks merged = mergeCallbacks(first, second);

        CallbackManager result = (CallbackManager) merged;
        assertThat(result.handlers()).containsExactly(this.x, this.a, this.y, this.b);
        assertThat(result.inheritableHandlers()).containsExactly(this.a, this.b);
        assertThat(result.parentRunId()).isEqualTo(FIRST_PARENT);
    }

    @Test
    void managerMergedWithNothingKeepsTheManagersHandlers() {
        CallbackManager manager = localOnly(this.x);

        CallbackManager result = (CallbackManager) mergeCallbacks(manager, Callbacks.none());

        assertThat(result.handlers()).containsExactly(this.x);
        assertThat(result.inheritableHandlers()).isEmpty();
    }

    @Test
    void configTagsAreTheSortedUnion() {
        RunnableConfig merged = RunnableConfig.merge(RunnableConfig.builder().tags("zeta", "alpha").build(),
                RunnableConfig.builder().tags("mid", "alpha").build());

        assertThat(merged.tags()).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    void configTagsOfOneSideAloneAreStillSortedAndDistinct() {
        RunnableConfig untagged = RunnableConfig.builder().runName("binding").build();
        RunnableConfig unsorted = RunnableConfig.builder().tags("zeta", "alpha", "zeta").build();
        RunnableConfig sorted = RunnableConfig.builder().tags("alpha", "beta").build();

        assertThat(RunnableConfig.merge(untagged, unsorted).tags()).containsExactly("alpha", "zeta");
        assertThat(RunnableConfig.merge(unsorted, untagged).tags()).containsExactly("alpha", "zeta");
        assertThat(RunnableConfig.merge(untagged, sorted).tags()).containsExactly("alpha", "beta");
        assertThat(RunnableConfig.merge(untagged, sorted, unsorted).tags()).containsExactly("alpha", "beta", "zeta");
    }

    @Test
    void configMetadataAndConfigurableLaterKeysWin() {
        RunnableConfig merged = RunnableConfig.merge(
                RunnableConfig.builder().metadata("k", 1).metadata("first", true).configurable("c", "old").build(),
                RunnableConfig.builder().metadata("k", 2).configurable("c", "new").build());

        assertThat(merged.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("k", 2, "first", true));
        assertThat(merged.configurable()).containsExactly(Map.entry("c", "new"));
    }

    @Test
    void configRecursionLimitIsOnlyOverwrittenByNonDefaultValues() {
        RunnableConfig custom = RunnableConfig.builder().recursionLimit(10).build();
        RunnableConfig other = RunnableConfig.builder().recursionLimit(5).build();
        RunnableConfig defaults = RunnableConfig.empty();

        assertThat(RunnableConfig.merge(custom, defaults).recursionLimit()).isEqualTo(10);
        assertThat(RunnableConfig.merge(defaults, custom).recursionLimit()).isEqualTo(10);
        assertThat(RunnableConfig.merge(custom, other).recursionLimit()).isEqualTo(5);
        assertThat(RunnableConfig.merge(defaults, defaults).recursionLimit())
            .isEqualTo(RunnableConfig.DEFAULT_RECURSION_LIMIT);
    }

    @Test
    void configRunNameAndIdLaterSetValueWins() {
        UUID id = UUID.fromString("00000000-0000-7000-8000-0000000000cc");
        RunnableConfig merged = RunnableConfig.merge(RunnableConfig.builder().runName("first").runId(id).build(),
                RunnableConfig.builder().runName("second").build());

        assertThat(merged.runName()).contains("second");
        assertThat(merged.runId()).contains(id);
    }

    @Test
    void managerMergeUnitesTagsAndMetadataWithTheOtherWinning() {
        CallbackManager first = new CallbackManager();
        first.addTags(List.of("shared", "first"), true);
        first.addTags(List.of("first-local"), false);
        first.addMetadata(Map.of("k", "first", "a", 1), true);
        first.addMetadata(Map.of("local", "first"), false);
        CallbackManager second = new CallbackManager(List.of(), List.of(), SECOND_PARENT);
        second.addTags(List.of("second", "shared"), true);
        second.addMetadata(Map.of("k", "second"), true);

        CallbackManager merged = first.merge(second);

        assertThat(merged.parentRunId()).isEqualTo(SECOND_PARENT);
        assertThat(merged.tags()).containsExactlyInAnyOrder("shared", "first", "first-local", "second");
        assertThat(merged.inheritableTags()).containsExactlyInAnyOrder("shared", "first", "second");
        assertThat(merged.metadata())
            .containsExactlyInAnyOrderEntriesOf(Map.of("k", "second", "a", 1, "local", "first"));
        assertThat(merged.inheritableMetadata()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "second", "a", 1));
    }

    @Test
    void copyIsIndependentOfTheOriginalBothWays() {
        CallbackManager original = new CallbackManager(List.of(), List.of(), FIRST_PARENT);
        original.addHandler(this.a, true);
        original.addTags(List.of("t"), true);
        original.addMetadata(Map.of("m", 1), true);

        CallbackManager copy = original.copy();
        copy.addHandler(this.b, true);
        copy.addTags(List.of("copy-tag"), true);
        copy.addMetadata(Map.of("copy", 2), true);
        copy.removeHandler(this.a);
        original.addHandler(this.x, false);
        original.removeTags(List.of("t"));

        assertThat(copy).isExactlyInstanceOf(CallbackManager.class);
        assertThat(copy.parentRunId()).isEqualTo(FIRST_PARENT);
        assertThat(copy.handlers()).containsExactly(this.b);
        assertThat(copy.inheritableHandlers()).containsExactly(this.b);
        assertThat(copy.tags()).containsExactly("t", "copy-tag");
        assertThat(copy.metadata()).containsExactly(Map.entry("m", 1), Map.entry("copy", 2));
        assertThat(original.handlers()).containsExactly(this.a, this.x);
        assertThat(original.inheritableHandlers()).containsExactly(this.a);
        assertThat(original.tags()).isEmpty();
        assertThat(original.metadata()).containsExactly(Map.entry("m", 1));
    }

    private static Callbacks mergeCallbacks(Callbacks first, Callbacks second) {
        return RunnableConfig.merge(RunnableConfig.builder().callbacks(first).build(),
                RunnableConfig.builder().callbacks(second).build())
            .callbacks();
    }

    private static CallbackManager localOnly(BaseCallbackHandler handler) {
        return new CallbackManager(List.of(handler), List.of(), FIRST_PARENT);
    }
}
