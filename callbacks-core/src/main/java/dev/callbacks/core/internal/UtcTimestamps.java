package dev.callbacks.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The two UTC timestamp formats of LangSmith runs, at microsecond precision: ISO 8601 for the
 * {@code start_time}/{@code end_time} fields and event times ({@code 2026-12-07T02:45:12.123456Z})
 * and the compact form that starts a {@code dotted_order} segment ({@code 20261207T024512123456Z}
 * followed by the run id). Written digit by digit into one array, the date and time of day copied
 * from the last second formatted, because a tracer formats a segment on the traced code's thread
 * for every run and the exporter two or more times per run: {@link DateTimeFormatter} and string
 * concatenation cost several times as much. Years outside
 * 0001-9999 go through {@code DateTimeFormatter}.
 */
public final class UtcTimestamps {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
        .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSSSSS'Z'")
        .withZone(ZoneOffset.UTC);

    // 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds (the pattern's yyyy is the year of era).
    private static final long MIN_SECOND = -62_135_596_800L;

    private static final long END_SECOND = 253_402_300_800L;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * The date and time of day of the last second formatted, in both forms: runs come many per
     * second, so most timestamps only need their microseconds and the run id written.
     */
    private static volatile Second last = new Second(Long.MIN_VALUE, new byte[0], new byte[0]);

    private UtcTimestamps() {
    }

    private record Second(long epochSecond, byte[] iso, byte[] compact) {
    }

    /** Formats {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'}, the time cut to microseconds. */
    public static String iso(Instant time) {
        long second = time.getEpochSecond();
        if (second < MIN_SECOND || second >= END_SECOND) {
            return ISO.format(time);
        }
        byte[] out = new byte[27];
        byte[] prefix = second(second).iso();
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        out[19] = '.';
        digits(out, 20, time.getNano() / 1_000, 6);
        out[26] = 'Z';
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Formats one dotted-order segment: {@code yyyyMMdd'T'HHmmssSSSSSS'Z'}, then the run id. */
    public static String dottedSegment(Instant time, UUID id) {
        long second = time.getEpochSecond();
        if (second < MIN_SECOND || second >= END_SECOND) {
            return COMPACT.format(time) + id;
        }
        byte[] out = new byte[22 + 36];
        byte[] prefix = second(second).compact();
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        digits(out, 15, time.getNano() / 1_000, 6);
        out[21] = 'Z';
        writeUuid(out, 22, id);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static Second second(long epochSecond) {
        Second cached = last;
        if (cached.epochSecond() == epochSecond) {
            return cached;
        }
        byte[] iso = new byte[19];
        writeDate(iso, epochSecond, true);
        byte[] compact = new byte[15];
        writeDate(compact, epochSecond, false);
        Second fresh = new Second(epochSecond, iso, compact);
        last = fresh;
        return fresh;
    }

    /** Writes the date and time of day to the second: {@code yyyy-MM-ddTHH:mm:ss} or {@code yyyyMMddTHHmmss}. */
    private static void writeDate(byte[] out, long epochSecond, boolean iso) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        // Civil date from days since 1970-01-01 (proleptic Gregorian), as java.time computes it.
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long dayOfEra = z - era * 146_097L;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int at = digits(out, 0, year, 4);
        if (iso) {
            out[at++] = '-';
        }
        at = digits(out, at, month, 2);
        if (iso) {
            out[at++] = '-';
        }
        at = digits(out, at, day, 2);
        out[at++] = 'T';
        at = digits(out, at, secondOfDay / 3_600, 2);
        if (iso) {
            out[at++] = ':';
        }
        at = digits(out, at, secondOfDay / 60 % 60, 2);
        if (iso) {
            out[at++] = ':';
        }
        digits(out, at, secondOfDay % 60, 2);
    }

    /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded; returns the next index. */
    private static int digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** Writes the canonical 36-character form of a UUID, as {@link UUID#toString()}. */
    private static void writeUuid(byte[] out, int at, UUID id) {
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        hex(out, at, msb >>> 32, 8);
        out[at + 8] = '-';
        hex(out, at + 9, msb >>> 16, 4);
        out[at + 13] = '-';
        hex(out, at + 14, msb, 4);
        out[at + 18] = '-';
        hex(out, at + 19, lsb >>> 48, 4);
        out[at + 23] = '-';
        hex(out, at + 24, lsb, 12);
    }

    private static void hex(byte[] out, int at, long value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
