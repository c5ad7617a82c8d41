package dev.callbacks.core.tracers;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that stands still until a test moves it, so timings and dotted orders are exact. */
final class TestClock implements InstantSource {

    private volatile Instant now;

    TestClock(String isoInstant) {
        this.now = Instant.parse(isoInstant);
    }

    @Override
    public Instant instant() {
        return this.now;
    }

    void advance(Duration duration) {
        this.now = this.now.plus(duration);
    }
}
