package dev.callbacks.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.callbacks.core.internal.HandlerErrors;
import dev.callbacks.core.manager.CallbackManager;
import dev.callbacks.core.manager.CallbackManagerForChainRun;
import dev.callbacks.core.manager.Callbacks;
import dev.callbacks.core.manager.GlobalCallbacks;
import dev.callbacks.core.schema.RetryState;
import dev.callbacks.core.schema.Serialized;
import dev.callbacks.core.testing.LogCapture;
import dev.callbacks.core.testing.LoggerEvents;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Handler isolation (semantics §4.1, §10.5): a throwing handler is logged, counted and reported,
 * the others still run and the call returns, unless the handler raises errors or fail-fast is on.
 */
@ExtendWith(LogCapture.class)
class HandlerIsolationTests {

    private static final Serialized CHAIN = Serialized.of("chain");

    @RegisterExtension
    final LoggerEvents log = LoggerEvents.of("dev.callbacks.core.manager.CallbackManager").atLevel(Level.DEBUG);

    private final List<String> reported = Collections.synchronizedList(new ArrayList<>());

    private final HandlerErrorListener listener = (handler, event, error) -> this.reported
        .add(handler + " " + event + " " + error.getMessage());

    @BeforeEach
    void listenToErrors() {
        HandlerErrors.resetWarnings();
        GlobalCallbacks.addErrorListener(this.listener);
    }

    @AfterEach
    void restore() {
        GlobalCallbacks.removeErrorListener(this.listener);
        GlobalCallbacks.setFailFast(false);
        GlobalCallbacks.clearHandlers();
    }

    @Test
    void throwingHandlerIsLoggedCountedAndReportedWhileTheOthersRun() {
        Surrounded surrounded = throwingBetweenTwoLoggingHandlers(false);
        long errorsBefore = HandlerErrors.count();

        CallbackManagerForChainRun first = surrounded.manager().onChainStart(CHAIN, "in");
        CallbackManagerForChainRun second = surrounded.manager().onChainStart(CHAIN, "in");
        first.onChainEnd("out");
        second.onChainEnd("out");

        assertThat(surrounded.log()).containsExactly("before onChainStart", "after onChainStart", "before onChainStart",
                "after onChainStart", "before onChainEnd", "after onChainEnd", "before onChainEnd",
                "after onChainEnd");
        assertThat(HandlerErrors.count() - errorsBefore).isEqualTo(2);
        assertThat(this.reported).containsExactly("throwing CHAIN_START start failed 1",
                "throwing CHAIN_START start failed 2");
        assertThat(this.log.events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.DEBUG);
        ILoggingEvent warning = this.log.events().get(0);
        assertThat(warning.getFormattedMessage()).startsWith("Error in " + ThrowingHandler.class.getName()
                + ".onChainStart callback: java.lang.IllegalStateException: start failed 1");
        assertThat(warning.getThrowableProxy().getMessage()).isEqualTo("start failed 1");
    }

    @Test
    void warningIsOncePerHandlerClassAndEvent() {
        ThrowingHandler throwing = new ThrowingHandler(false);
        CallbackManager manager = CallbackManager.configure(Callbacks.of(throwing));

        manager.onChainStart(CHAIN, "in");
        manager.onChainStart(CHAIN, "in");
        manager.onToolStart(CHAIN, "in");

        assertThat(this.log.events()).extracting(ILoggingEvent::getLevel)
            .containsExactly(Level.WARN, Level.DEBUG, Level.WARN);
        assertThat(this.log.events().get(2).getFormattedMessage()).contains(".onToolStart callback");
    }

    @Test
    void raiseErrorRethrowsTheSameExceptionAndSkipsLaterHandlers() {
        Surrounded surrounded = throwingBetweenTwoLoggingHandlers(true);
        long errorsBefore = HandlerErrors.count();

        assertThatThrownBy(() -> surrounded.manager().onChainStart(CHAIN, "in"))
            .isSameAs(surrounded.throwing().thrown.get(0));

        assertThat(surrounded.log()).containsExactly("before onChainStart");
        assertThat(HandlerErrors.count() - errorsBefore).isEqualTo(1);
        assertThat(this.reported).containsExactly("throwing CHAIN_START start failed 1");
        assertThat(this.log.events()).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN);
    }

    @Test
    void aCancellationRaisedOnPurposeStopsTheRunWithoutBeingLoggedOrCounted() {
        java.util.concurrent.CancellationException stop = new java.util.concurrent.CancellationException("stop");
        CallbackHandler canceller = new CallbackHandler() {
            @Override
            public boolean raiseError() {
                return true;
            }

            @Override
            public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
                throw stop;
            }
        };
        CallbackManager manager = CallbackManager.configure(Callbacks.of(canceller));
        long errorsBefore = HandlerErrors.count();

        assertThatThrownBy(() -> manager.onChainStart(CHAIN, "in")).isSameAs(stop);

        assertThat(HandlerErrors.count() - errorsBefore).isZero();
        assertThat(this.reported).isEmpty();
        assertThat(this.log.events()).isEmpty();
    }

    @Test
    void failFastRethrowsForHandlersThatDoNotRaiseErrors() {
        ThrowingHandler throwing = new ThrowingHandler(false);
        CallbackManager manager = CallbackManager.configure(Callbacks.of(throwing));
        GlobalCallbacks.setFailFast(true);
        try {
            assertThatThrownBy(() -> manager.onChainStart(CHAIN, "in")).isSameAs(throwing.thrown.get(0));
        }
        finally {
            GlobalCallbacks.setFailFast(false);
        }

        manager.onChainStart(CHAIN, "in");
        assertThat(throwing.thrown).hasSize(2);
    }

    @Test
    void throwingRunEventsDoNotBreakTheRun() {
        CallbackHandler throwingOnEverything = new CallbackHandler() {

            @Override
            public void onText(RunInfo run, String text) {
                throw new IllegalArgumentException("text");
            }

            @Override
            public void onRetry(RunInfo run, RetryState retryState) {
                throw new IllegalArgumentException("retry");
            }

            @Override
            public void onChainEnd(RunInfo run, @Nullable Object outputs, @Nullable Object inputs) {
                throw new IllegalArgumentException("end");
            }

            @Override
            public String toString() {
                return "everything";
            }
        };
        CallbackManagerForChainRun run = CallbackManager.configure(Callbacks.of(throwingOnEverything))
            .onChainStart(CHAIN, "in");

        run.onText("t");
        run.onRetry(RetryState.failed(1, Duration.ZERO, new RuntimeException("x")));
        run.onChainEnd("out");

        assertThat(this.reported).containsExactly("everything TEXT text", "everything RETRY retry",
                "everything CHAIN_END end");
    }

    @Test
    void failingAsyncHandlerFromSyncCodeNeverPropagates() {
        ThrowingHandler throwing = new ThrowingHandler(true);
        AsyncCallbackHandler inline = AsyncAdapter.of(throwing, true);
        CallbackManager manager = CallbackManager.configure(Callbacks.of(inline));

        CallbackManagerForChainRun run = manager.onChainStart(CHAIN, "in");

        assertThat(run.runId()).isNotNull();
        assertThat(throwing.thrown).hasSize(1);
        assertThat(this.reported).containsExactly(inline + " CHAIN_START start failed 1");
    }

    @Test
    void listenerThatThrowsDoesNotBreakDispatch() {
        HandlerErrorListener broken = (handler, event, error) -> {
            throw new IllegalStateException("listener broke");
        };
        GlobalCallbacks.addErrorListener(broken);
        try {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            LoggingHandler after = new LoggingHandler("after", log);
            CallbackManager.configure(Callbacks.of(new ThrowingHandler(false), after)).onChainStart(CHAIN, "in");

            assertThat(log).containsExactly("after onChainStart");
        }
        finally {
            GlobalCallbacks.removeErrorListener(broken);
        }
    }

    /** A manager over a throwing handler between the logging handlers "before" and "after", which share a log. */
    private static Surrounded throwingBetweenTwoLoggingHandlers(boolean raiseError) {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        ThrowingHandler throwing = new ThrowingHandler(raiseError);
        CallbackManager manager = CallbackManager.configure(Callbacks.of(new LoggingHandler("before", log), throwing,
                new LoggingHandler("after", log)));
        return new Surrounded(log, throwing, manager);
    }

    private record Surrounded(List<String> log, ThrowingHandler throwing, CallbackManager manager) {
    }

    /** Throws from {@code onChainStart} and {@code onToolStart}, numbering its failures. */
    static final class ThrowingHandler implements CallbackHandler {

        final List<RuntimeException> thrown = Collections.synchronizedList(new ArrayList<>());

        private final boolean raiseError;

        ThrowingHandler(boolean raiseError) {
            this.raiseError = raiseError;
        }

        @Override
        public boolean raiseError() {
            return this.raiseError;
        }

        @Override
        public void onChainStart(RunInfo run, Serialized serialized, @Nullable Object inputs) {
            throw fail("start");
        }

        @Override
        public void onToolStart(RunInfo run, Serialized serialized, String inputStr,
                Map<String, Object> inputs) {
            throw fail("tool");
        }

        private RuntimeException fail(String what) {
            RuntimeException ex = new IllegalStateException(what + " failed " + (this.thrown.size() + 1));
            this.thrown.add(ex);
            return ex;
        }

        @Override
        public String toString() {
            return "throwing";
        }
    }
}
