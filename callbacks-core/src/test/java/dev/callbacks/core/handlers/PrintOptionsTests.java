package dev.callbacks.core.handlers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PrintOptionsTests {

    @Test
    void defaultsHaveNoColourAndNoPrefixes() {
        assertThat(PrintOptions.DEFAULTS).isEqualTo(new PrintOptions(null, null, null));
    }

    @Test
    void withersReplaceOneComponent() {
        PrintOptions options = PrintOptions.DEFAULTS.withColor("Green")
            .withObservationPrefix("Observation: ")
            .withLlmPrefix("Thought:");

        assertThat(options).isEqualTo(new PrintOptions(TextColor.GREEN, "Observation: ", "Thought:"));
        assertThat(options.withColor((TextColor) null).color()).isNull();
        assertThat(options.withLlmPrefix(null)).isEqualTo(new PrintOptions(TextColor.GREEN, "Observation: ", null));
    }

    @Test
    void coloursHaveLangChainsAnsiCodes() {
        assertThat(TextColor.GREEN.apply("t")).isEqualTo("\u001b[32;1m\u001b[1;3mt\u001b[0m");
        assertThat(TextColor.BLUE.apply("t")).isEqualTo("\u001b[36;1m\u001b[1;3mt\u001b[0m");
        assertThat(TextColor.YELLOW.apply("t")).isEqualTo("\u001b[33;1m\u001b[1;3mt\u001b[0m");
        assertThat(TextColor.PINK.apply("t")).isEqualTo("\u001b[38;5;200m\u001b[1;3mt\u001b[0m");
        assertThat(TextColor.RED.apply("t")).isEqualTo("\u001b[31;1m\u001b[1;3mt\u001b[0m");
    }

    @Test
    void colourNamesAreParsedIgnoringCase() {
        assertThat(TextColor.of("pink")).isEqualTo(TextColor.PINK);
        assertThat(TextColor.of(" BLUE ")).isEqualTo(TextColor.BLUE);
    }

    @Test
    void unknownColourNameIsRejectedListingTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> PrintOptions.DEFAULTS.withColor("purple"))
            .withMessage("Unknown text color 'purple'; use one of green, blue, yellow, pink, red");
    }
}
