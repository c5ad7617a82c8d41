package dev.callbacks.benchmarks;

/**
 * A benchmark handler that counts the calls it received. The setups read the counts to check
 * that a scenario reaches its handlers, so that a benchmark whose handlers are silently not
 * called (and which would therefore look fast) never reports a number.
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
