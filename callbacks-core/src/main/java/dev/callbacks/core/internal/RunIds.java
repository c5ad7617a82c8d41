package dev.callbacks.core.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered run ids: UUIDv7 as RFC 9562 defines it (48-bit Unix milliseconds, version 7,
 * a 12-bit counter in {@code rand_a}, variant 2, 62 random bits in {@code rand_b}).
 *
 * <p>Ids are strictly increasing within one thread (method 1 of RFC 9562 §6.2: a counter that
 * restarts from a random value each millisecond and borrows the next millisecond when it
 * overflows). Across threads they are ordered by millisecond and unique through the 62 random
 * bits; keeping the state per thread avoids contention on a shared counter.
 */
public final class RunIds {

    /** The nil UUID: the id of a run that nobody observes (see {@code CallbackManager}). */
    public static final UUID NIL = new UUID(0L, 0L);

    private static final ThreadLocal<long[]> STATE = ThreadLocal.withInitial(() -> new long[2]);

    private RunIds() {
    }

    /** Returns a fresh UUIDv7. */
    public static UUID next() {
        long[] state = STATE.get();
        long now = System.currentTimeMillis();
        long millis = state[0];
        long counter;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (now > millis) {
            millis = now;
            // Start low in the 12-bit space so that many ids fit in one millisecond.
            counter = random.nextInt(1 << 10);
        }
        else {
            counter = state[1] + 1;
            if (counter > 0xFFF) {
                millis++;
                counter = random.nextInt(1 << 10);
            }
        }
        state[0] = millis;
        state[1] = counter;
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** Returns the Unix milliseconds of a UUIDv7. */
    public static long timestampMillis(UUID uuid) {
        return uuid.getMostSignificantBits() >>> 16;
    }
}
