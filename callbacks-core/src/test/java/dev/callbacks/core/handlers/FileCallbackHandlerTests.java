package dev.callbacks.core.handlers;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.callbacks.core.RunInfo;
import dev.callbacks.core.schema.AgentAction;
import dev.callbacks.core.schema.AgentFinish;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.Concurrently;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.callbacks.core.handlers.HandlerTestSupport.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileCallbackHandlerTests {

    @TempDir
    Path dir;

    private final RunInfo run = chain("agent");

    @Test
    void writesTheVerboseTextWithoutBoldCodes() throws Exception {
        Path file = this.dir.resolve("verbose.log");
        PrintOptions options = PrintOptions.DEFAULTS.withObservationPrefix("Observation: ").withLlmPrefix("Thought:");
        try (FileCallbackHandler handler = new FileCallbackHandler(file, FileCallbackHandler.Mode.APPEND, options)) {
            handler.onChainStart(this.run, Serialized.of("AgentExecutor"), Map.of("input", "weather?"));
            handler.onAgentAction(this.run, AgentAction.of("search", "weather", "I should search"));
            handler.onToolEnd(chain("search"), "sunny");
            handler.onText(this.run, " ok");
            handler.onAgentFinish(this.run, AgentFinish.of(Map.of("output", "sunny"), "Final Answer: sunny"));
            handler.onChainEnd(this.run, Map.of("output", "sunny"), null);
        }

        assertThat(Files.readString(file)).isEqualTo("\n\n> Entering new agent chain...\n"
                + "I should search\nObservation: sunny\nThought: ok"
                + "Final Answer: sunny\n"
                + "\n> Finished chain.\n");
    }

    @Test
    void writesColourCodesOnlyWhenAColourIsConfigured() throws Exception {
        Path file = this.dir.resolve("coloured.log");
        try (FileCallbackHandler handler = new FileCallbackHandler(file, FileCallbackHandler.Mode.APPEND,
                PrintOptions.DEFAULTS.withColor("green"))) {
            handler.onChainStart(this.run, Serialized.EMPTY, null);
            handler.onText(this.run, "hi");
        }

        assertThat(Files.readString(file))
            .isEqualTo("\n\n> Entering new agent chain...\n\u001b[32;1m\u001b[1;3mhi\u001b[0m");
    }

    @Test
    void everyEventIsInTheFileBeforeClose() throws Exception {
        Path file = this.dir.resolve("flushed.log");
        try (FileCallbackHandler handler = new FileCallbackHandler(file)) {
            handler.onChainEnd(this.run, null, null);

            assertThat(Files.readString(file)).isEqualTo("\n> Finished chain.\n");
        }
    }

    @Test
    void appendsToExistingContentByDefault() throws Exception {
        Path file = this.dir.resolve("append.log");
        Files.writeString(file, "before");
        try (FileCallbackHandler handler = new FileCallbackHandler(file)) {
            handler.onText(this.run, " after");
        }

        assertThat(Files.readString(file)).isEqualTo("before after");
    }

    @Test
    void overwriteDiscardsExistingContent() throws Exception {
        Path file = this.dir.resolve("overwrite.log");
        Files.writeString(file, "a much longer previous content");
        try (FileCallbackHandler handler = new FileCallbackHandler(file, FileCallbackHandler.Mode.OVERWRITE)) {
            handler.onText(this.run, "new");
        }

        assertThat(Files.readString(file)).isEqualTo("new");
    }

    @Test
    void writesUtf8() throws Exception {
        Path file = this.dir.resolve("utf8.log");
        try (FileCallbackHandler handler = new FileCallbackHandler(file)) {
            handler.onText(this.run, "héllo ✓ 猫");
        }

        assertThat(Files.readAllBytes(file)).isEqualTo("héllo ✓ 猫".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void closeIsIdempotentAndWritingAfterCloseFails() throws Exception {
        Path file = this.dir.resolve("closed.log");
        FileCallbackHandler handler = new FileCallbackHandler(file);
        handler.onText(this.run, "kept");

        handler.close();
        handler.close();

        assertThat(handler.isClosed()).isTrue();
        assertThatIllegalStateException().isThrownBy(() -> handler.onText(this.run, "lost"))
            .withMessage("FileCallbackHandler for '" + file + "' is closed; create a new handler to write to the file again");
        assertThat(Files.readString(file)).isEqualTo("kept");
    }

    @Test
    void aDirectoryCannotBeOpened() {
        assertThatThrownBy(() -> new FileCallbackHandler(this.dir)).isInstanceOf(UncheckedIOException.class)
            .hasMessage("Cannot open callback file '" + this.dir + "': it is a directory; pass the path of a file");
    }

    @Test
    void aFileInAMissingDirectoryCannotBeOpened() {
        Path file = this.dir.resolve("missing").resolve("verbose.log");

        assertThatThrownBy(() -> new FileCallbackHandler(file)).isInstanceOf(UncheckedIOException.class)
            .hasMessage("Cannot open callback file '" + file + "': the directory '" + file.getParent()
                    + "' does not exist");
    }

    @Test
    void concurrentEventsAreWrittenWhole() throws Exception {
        Path file = this.dir.resolve("concurrent.log");
        int threads = 4;
        int eventsPerThread = 200;
        try (FileCallbackHandler handler = new FileCallbackHandler(file)) {
            Concurrently.run(threads, Duration.ofSeconds(30), (thread) -> {
                String line = ("thread-" + thread + " ").repeat(20).trim() + "\n";
                for (int i = 0; i < eventsPerThread; i++) {
                    handler.onText(this.run, line);
                }
            });
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(threads * eventsPerThread);
        for (int t = 0; t < threads; t++) {
            String expected = ("thread-" + t + " ").repeat(20).trim();
            assertThat(lines).filteredOn(expected::equals).hasSize(eventsPerThread);
        }
    }
}
