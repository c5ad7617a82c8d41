package dev.callbacks.langchain4j;

import java.util.List;

import dev.callbacks.core.schema.HumanMessage;
import dev.callbacks.core.testing.ConcurrentQuestions;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.OpenAiStubTestSupport;
import dev.callbacks.core.tracers.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** 8 threads × 50 AI Service calls: every call is its own intact tree. */
@ExtendWith(LogCapture.class)
class AiServiceConcurrencyTests extends OpenAiStubTestSupport {

    @Test
    void everyConcurrentCallIsItsOwnIntactTree() throws Exception {
        long failures = LangChain4jBridge.failures().count();
        Assistant assistant = Assistant.on(LangChain4jTestModels.observedOpenAi(this.server));

        List<Run> roots = ConcurrentQuestions.askFromManyThreads(this.server, assistant::chat);

        ConcurrentQuestions.assertEveryCallIsItsOwnTree(roots, "Assistant.chat");
        for (Run root : roots) {
            // The AI Service run was asked the question its model run was asked.
            String question = ((String) root.outputs().get("output")).substring("re: ".length());
            assertThat(root.inputs().get("messages")).isEqualTo(List.of(new HumanMessage(question)));
        }
        assertThat(LangChain4jBridge.failures().count()).isEqualTo(failures);
        assertThat(AiServiceRuns.global().open()).isZero();
    }
}
