package dev.callbacks.core.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UtcTimestampsTests {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
        .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSSSSS'Z'")
        .withZone(ZoneOffset.UTC);

    @Test
    void formatsAsJavaTimeDoesAtMicrosecondPrecision() {
        assertThat(UtcTimestamps.iso(Instant.parse("2026-12-07T02:45:12.123456789Z")))
            .isEqualTo("2026-12-07T02:45:12.123456Z");
        UUID id = UUID.fromString("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        assertThat(UtcTimestamps.dottedSegment(Instant.parse("2026-12-07T02:45:12.000001Z"), id))
            .isEqualTo("20261207T024512000001Z0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    }

    @Test
    void timesWithinOneSecondReuseItsDateButNotItsMicroseconds() {
        Instant second = Instant.parse("2026-12-07T23:59:59Z");
        UUID id = UUID.randomUUID();
        for (int micros = 0; micros < 1_000_000; micros += 999) {
            Instant time = second.plusNanos(micros * 1_000L);
            assertThat(UtcTimestamps.iso(time)).isEqualTo(ISO.format(time));
            assertThat(UtcTimestamps.dottedSegment(time, id)).isEqualTo(COMPACT.format(time) + id);
        }
        Instant next = second.plusSeconds(1);
        assertThat(UtcTimestamps.iso(next)).isEqualTo("2026-12-08T00:00:00.000000Z");
    }

    @Test
    void agreesWithDateTimeFormatterOnEdgesAndRandomInstants() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("2000-02-29T12:00:00Z"), Instant.parse("1900-03-01T00:00:00Z"),
                Instant.parse("2100-02-28T23:59:59.5Z"), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z")));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            assertThat(UtcTimestamps.iso(instant)).as("%s", instant).isEqualTo(ISO.format(instant));
            assertThat(UtcTimestamps.dottedSegment(instant, id)).as("%s", instant)
                .isEqualTo(COMPACT.format(instant) + id);
        }
    }
}
