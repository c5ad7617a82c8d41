package dev.callbacks.core.internal.stream;

/**
 * The two counters of an {@link EventChannel}, each on a cache line of its own: {@code tail} is
 * written by the producer and {@code head} by the consumer, and were they to share a line (or
 * share one with the channel's other fields), every event would move that line between the two
 * cores several times. Padded by inheritance, because the JVM lays out a superclass's fields
 * before its subclass's and does not move them across that boundary.
 */
public abstract class EventChannelCounters extends EventChannelTailPad {

    /** Elements taken; written only by the consumer. */
    volatile long head;

    long h1, h2, h3, h4, h5, h6, h7, h8;
}

/** Keeps the channel's object header and earlier data off the line of {@code tail}. */
abstract class EventChannelHeadPad {

    long p1, p2, p3, p4, p5, p6, p7, p8;
}

/** The producer's counter. */
abstract class EventChannelTail extends EventChannelHeadPad {

    /** Elements published; written only by the producer holding the channel's put lock. */
    volatile long tail;
}

/** Keeps {@code head} off the line of {@code tail}. */
abstract class EventChannelTailPad extends EventChannelTail {

    long t1, t2, t3, t4, t5, t6, t7, t8;
}
