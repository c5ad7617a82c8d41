package dev.callbacks.core.stream;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventFilterTests {

    @Test
    void allIncludesEverything() {
        assertThat(EventFilter.all().includes("any", "chain", List.of("t"))).isTrue();
        assertThat(EventFilter.all().includesEverything()).isTrue();
    }

    @Test
    void includeCriteriaAreAlternatives() {
        EventFilter filter = EventFilter.includeNames("a").includingTypes("tool").includingTags("keep");

        assertThat(filter.includes("a", "chain", List.of())).isTrue();
        assertThat(filter.includes("b", "tool", List.of())).isTrue();
        assertThat(filter.includes("b", "chain", List.of("other", "keep"))).isTrue();
        assertThat(filter.includes("b", "chain", List.of("other"))).isFalse();
    }

    @Test
    void excludeCriteriaWinOverIncludes() {
        EventFilter filter = EventFilter.includeTypes("chain").excludingNames("a").excludingTags("skip");

        assertThat(filter.includes("b", "chain", List.of())).isTrue();
        assertThat(filter.includes("a", "chain", List.of())).isFalse();
        assertThat(filter.includes("b", "chain", List.of("x", "skip"))).isFalse();
        assertThat(EventFilter.excludeTypes("llm").includes("m", "llm", List.of())).isFalse();
        assertThat(EventFilter.excludeTypes("llm").includes("m", "chat_model", List.of())).isTrue();
    }

    @Test
    void criteriaOfOneKindAccumulate() {
        EventFilter filter = EventFilter.includeNames("a").includingNames("b");

        assertThat(filter.includes("a", "chain", List.of())).isTrue();
        assertThat(filter.includes("b", "chain", List.of())).isTrue();
        assertThat(filter).isEqualTo(EventFilter.includeNames("a", "b")).hasSameHashCodeAs(
                EventFilter.includeNames("a", "b"));
        assertThat(filter).hasToString("EventFilter[includeNames=[a, b]]");
    }

    @Test
    void theTypeOfAnEventIsItsRunTypeOrForCustomEventsItsName() {
        UUID id = UUID.randomUUID();
        StreamEvent model = new StreamEvent("on_chat_model_stream", "model", id, List.of(), List.of(), Map.of(), null);
        StreamEvent custom = new StreamEvent("on_custom_event", "progress", id, List.of(), List.of(), Map.of(), 1);

        assertThat(EventFilter.includeTypes("chat_model").includes(model)).isTrue();
        assertThat(EventFilter.includeTypes("progress").includes(custom)).isTrue();
        assertThat(EventFilter.includeTypes("chain").includes(custom)).isFalse();
    }

    @Test
    void anEmptyCriterionIsRejectedBecauseUpstreamWouldDropEverything() {
        assertThatIllegalArgumentException().isThrownBy(EventFilter::includeNames)
            .withMessage("includeNames needs at least one name; use EventFilter.all() to let every event through");
        assertThatIllegalArgumentException().isThrownBy(() -> EventFilter.all().excludingTags())
            .withMessageStartingWith("excludeTags needs at least one tag");
    }
}
