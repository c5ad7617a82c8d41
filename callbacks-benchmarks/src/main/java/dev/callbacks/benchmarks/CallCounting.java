package dev.callbacks.benchmarks;

/**
 * A benchmark handler that counts the calls it received, for the setups' checks that a scenario
 * reaches its handlers ({@link Fixtures#check}).
 */
interface CallCounting {

    /** Returns how many calls the handler received. */
    long calls();

    /** Sums the calls the handlers received. */
    static long total(CallCounting... handlers) {
        long total = 0;
        for (CallCounting handler : handlers) {
            total += handler.calls();
        }
        return total;
    }
}
