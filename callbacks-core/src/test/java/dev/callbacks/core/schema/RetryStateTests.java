package dev.callbacks.core.schema;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class RetryStateTests {

    @Test
    void failedCarriesTheException() {
        IllegalStateException failure = new IllegalStateException("boom");

        RetryState state = RetryState.failed(2, Duration.ofMillis(300), failure);

        assertThat(state.outcome()).isEqualTo("failed");
        assertThat(state.optionalException()).containsSame(failure);
        assertThat(state.optionalResult()).isEmpty();
    }

    @Test
    void succeededCarriesTheResult() {
        RetryState state = RetryState.succeeded(3, Duration.ofSeconds(1), "ok");

        assertThat(state.outcome()).isEqualTo("success");
        assertThat(state.optionalResult()).contains("ok");
        assertThat(state.optionalException()).isEmpty();
    }

    @Test
    void notAvailableOutcomeIsAccepted() {
        assertThat(new RetryState(1, Duration.ZERO, "N/A", null, null).outcome()).isEqualTo(RetryState.NOT_AVAILABLE);
    }

    @Test
    void invalidValuesAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RetryState(1, Duration.ZERO, "retrying", null, null))
                .withMessage("outcome must be one of \"N/A\", \"failed\", \"success\": \"retrying\"");
        assertThatIllegalArgumentException().isThrownBy(() -> new RetryState(0, Duration.ZERO, "N/A", null, null))
                .withMessage("attempt must be at least 1: 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new RetryState(1, Duration.ofMillis(-1), "N/A", null, null))
                .withMessage("slept must not be negative: PT-0.001S");
        assertThatNullPointerException().isThrownBy(() -> new RetryState(1, null, "N/A", null, null))
                .withMessage("slept must not be null");
        assertThatNullPointerException().isThrownBy(() -> new RetryState(1, Duration.ZERO, null, null, null))
                .withMessage("outcome must not be null");
        assertThatNullPointerException().isThrownBy(() -> RetryState.failed(1, Duration.ZERO, null))
                .withMessage("exception must not be null");
    }
}
