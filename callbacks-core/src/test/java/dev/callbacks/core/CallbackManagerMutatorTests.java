package dev.callbacks.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.manager.BaseCallbackManager;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.schema.Serialized;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The mutators of {@link BaseCallbackManager} (semantics §2.2), with identity-based deduplication (§10.1). */
class CallbackManagerMutatorTests {

    private final CallbackManager manager = new CallbackManager();

    private final LoggingHandler a = new LoggingHandler("a");

    private final LoggingHandler b = new LoggingHandler("b");

    @Test
    void addHandlerDeduplicatesByIdentityNotEquality() {
        EqualHandler first = new EqualHandler();
        EqualHandler second = new EqualHandler();
        assertThat(first).isEqualTo(second);

        this.manager.addHandler(first);
        this.manager.addHandler(second);
        this.manager.addHandler(first);

        assertThat(this.manager.handlers()).hasSize(2);
        assertThat(this.manager.handlers().get(0)).isSameAs(first);
        assertThat(this.manager.handlers().get(1)).isSameAs(second);
        assertThat(this.manager.inheritableHandlers()).hasSize(2);
    }

    @Test
    void addHandlerWithoutInheritAddsToHandlersOnlyAndLaterInheritAddsItOnce() {
        this.manager.addHandler(this.a, false);

        assertHandlers(List.of(this.a), List.of());

        this.manager.addHandler(this.a, true);

        assertHandlers(List.of(this.a), List.of(this.a));
    }

    @Test
    void addHandlerRejectsNull() {
        assertThatNullPointerException().isThrownBy(() -> this.manager.addHandler(null))
            .withMessage("handler must not be null");
    }

    @Test
    void removeHandlerRemovesFromBothListsAndIgnoresAbsentHandlers() {
        this.manager.addHandler(this.a, true);
        this.manager.addHandler(this.b, true);

        this.manager.removeHandler(this.a);
        this.manager.removeHandler(new LoggingHandler("absent"));

        assertHandlers(List.of(this.b), List.of(this.b));
    }

    @Test
    void setHandlersReplacesEverythingAndCollapsesDuplicates() {
        LoggingHandler old = new LoggingHandler("old");
        this.manager.addHandler(old, true);

        this.manager.setHandlers(List.of(this.a, this.b, this.a));

        assertHandlers(List.of(this.a, this.b), List.of(this.a, this.b));

        this.manager.setHandlers(List.of(this.b), false);

        assertHandlers(List.of(this.b), List.of());

        this.manager.setHandler(this.a, true);

        assertHandlers(List.of(this.a), List.of(this.a));
    }

    @Test
    void addTagsMovesReAddedTagsToTheEndAndOutOfBothLists() {
        this.manager.addTags(List.of("x", "y"), true);
        this.manager.addTags(List.of("z"), false);

        this.manager.addTags(List.of("x"), false);

        assertThat(this.manager.tags()).containsExactly("y", "z", "x");
        assertThat(this.manager.inheritableTags()).containsExactly("y");

        this.manager.addTags(List.of("z"));

        assertThat(this.manager.tags()).containsExactly("y", "x", "z");
        assertThat(this.manager.inheritableTags()).containsExactly("y", "z");
    }

    @Test
    void addTagsKeepsDuplicatesWithinOneCall() {
        this.manager.addTags(List.of("x", "x"));

        assertThat(this.manager.tags()).containsExactly("x", "x");
    }

    @Test
    void removeTagsIgnoresMissingTagsInEitherList() {
        this.manager.addTags(List.of("inherited"), true);
        this.manager.addTags(List.of("local"), false);

        this.manager.removeTags(List.of("local", "missing"));

        assertThat(this.manager.tags()).containsExactly("inherited");
        assertThat(this.manager.inheritableTags()).containsExactly("inherited");
    }

    @Test
    void addMetadataLaterKeysWinAndLocalMetadataIsNotInherited() {
        this.manager.addMetadata(Map.of("k", 1, "shared", "inherited"));
        this.manager.addMetadata(Map.of("shared", "local", "local", true), false);

        assertThat(this.manager.metadata())
            .containsExactlyInAnyOrderEntriesOf(Map.of("k", 1, "shared", "local", "local", true));
        assertThat(this.manager.inheritableMetadata())
            .containsExactlyInAnyOrderEntriesOf(Map.of("k", 1, "shared", "inherited"));
    }

    @Test
    void removeMetadataRemovesFromBothMapsAndIgnoresMissingKeys() {
        this.manager.addMetadata(Map.of("k", 1, "j", 2));

        this.manager.removeMetadata(List.of("k", "missing"));

        assertThat(this.manager.metadata()).containsExactly(Map.entry("j", 2));
        assertThat(this.manager.inheritableMetadata()).containsExactly(Map.entry("j", 2));
    }

    @Test
    void runManagerSeesHandlersAddedToItsManagerAfterTheRunStarted() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        LoggingHandler early = new LoggingHandler("early", log);
        LoggingHandler late = new LoggingHandler("late", log);
        this.manager.addHandler(early);
        CallbackManagerForChainRun run = this.manager.onChainStart(Serialized.of("c"), "in");

        this.manager.addHandler(late);
        run.onChainEnd("out");

        assertThat(log).containsExactly("early onChainStart", "early onChainEnd", "late onChainEnd");
    }


    /** Asserts the manager's handlers and which of them are inheritable, each in order. */
    private void assertHandlers(List<BaseCallbackHandler> handlers, List<BaseCallbackHandler> inheritable) {
        assertThat(this.manager.handlers()).containsExactlyElementsOf(handlers);
        assertThat(this.manager.inheritableHandlers()).containsExactlyElementsOf(inheritable);
    }
    /** A handler equal to every other instance of its class, to prove deduplication ignores equals. */
    static final class EqualHandler implements CallbackHandler {

        @Override
        public boolean equals(Object other) {
            return other instanceof EqualHandler;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }
}
