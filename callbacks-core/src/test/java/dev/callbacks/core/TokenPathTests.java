package dev.callbacks.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.callbacks.core.internal.HandlerErrors;

import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForLlmRun;
import dev.callbacks.core.schema.Generation;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.LogCapture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The token path reads the ignore flags once per run and still honours them and later handlers. */
@ExtendWith(LogCapture.class)
class TokenPathTests {

    /** Notes the tokens it gets; its {@code ignoreLlm} flag is read from a supplier, to count or break the reads. */
    private static final class Tokens implements CallbackHandler {

        final List<String> seen = new ArrayList<>();

        private final BooleanSupplier ignoreLlm;

        Tokens(BooleanSupplier ignoreLlm) {
            this.ignoreLlm = ignoreLlm;
        }

        @Override
        public boolean ignoreLlm() {
            return this.ignoreLlm.getAsBoolean();
        }

        @Override
        public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
            this.seen.add(token);
        }
    }

    @Test
    void tokensSkipHandlersIgnoringLlmEventsAndReachHandlersAddedDuringTheRun() {
        Tokens listening = new Tokens(() -> false);
        Tokens ignoring = new Tokens(() -> true);
        Tokens late = new Tokens(() -> false);
        CallbackManager manager = new CallbackManager(List.of(listening, ignoring));
        CallbackManagerForLlmRun run = manager.onLlmStart(Serialized.EMPTY, List.of("p")).get(0);

        run.onLlmNewToken("a");
        manager.addHandler(late);
        run.onLlmNewToken("b");

        assertThat(listening.seen).containsExactly("a", "b");
        assertThat(ignoring.seen).isEmpty();
        assertThat(late.seen).containsExactly("b");
    }

    @Test
    void aHandlerThrowingOnATokenDoesNotStopTheOthers() {
        Tokens after = new Tokens(() -> false);
        CallbackHandler throwing = new CallbackHandler() {
            @Override
            public void onLlmNewToken(RunInfo run, String token, @Nullable Generation chunk) {
                throw new IllegalStateException("token failed");
            }
        };
        CallbackManager manager = new CallbackManager(List.of(throwing, after));
        CallbackManagerForLlmRun run = manager.onLlmStart(Serialized.EMPTY, List.of("p")).get(0);

        run.onLlmNewToken("a");
        run.onLlmNewToken("b");

        assertThat(after.seen).containsExactly("a", "b");
    }

    @Test
    void theFlagsAreReadAtTheFirstTokenNotOnEveryToken() {
        AtomicInteger flagReads = new AtomicInteger();
        Tokens counted = new Tokens(() -> {
            flagReads.incrementAndGet();
            return false;
        });
        CallbackManager manager = new CallbackManager(List.of(counted));
        CallbackManagerForLlmRun run = manager.onLlmStart(Serialized.EMPTY, List.of("p")).get(0);
        int atStart = flagReads.get();

        for (int i = 0; i < 100; i++) {
            run.onLlmNewToken("t" + i);
        }

        assertThat(counted.seen).hasSize(100);
        assertThat(flagReads.get() - atStart).isEqualTo(1);
    }

    @Test
    void aHandlerWhoseFlagThrowsIsReportedAndSkippedWhileTheOthersGetTheTokens() {
        Tokens after = new Tokens(() -> false);
        Tokens brokenFlag = new Tokens(() -> {
            throw new IllegalStateException("flag failed");
        });
        long errorsBefore = HandlerErrors.count();
        CallbackManager manager = new CallbackManager(List.of(brokenFlag, after));
        CallbackManagerForLlmRun run = manager.onLlmStart(Serialized.EMPTY, List.of("p")).get(0);
        long errorsAtStart = HandlerErrors.count();

        run.onLlmNewToken("a");
        run.onLlmNewToken("b");

        assertThat(errorsAtStart - errorsBefore).isEqualTo(1);
        assertThat(HandlerErrors.count() - errorsAtStart).isEqualTo(1);
        assertThat(brokenFlag.seen).isEmpty();
        assertThat(after.seen).containsExactly("a", "b");
    }
}
