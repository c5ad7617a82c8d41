package dev.callbacks.core.langsmith;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.node.ObjectNode;

/**
 * One serialised run operation waiting to be sent: the run's small fields (the {@code post.<id>} or
 * {@code patch.<id>} part) and its large fields as already-serialised JSON parts. A post still
 * queued when its patch arrives absorbs it ({@link #absorb}), so a run that ends before its batch
 * leaves is posted once, with its end, as the SDKs do. Confined to the exporter's threads.
 */
final class RunOperation {

    /** Estimated overhead of a part's multipart headers, counted in the queue's bytes. */
    private static final int PART_OVERHEAD = 160;

    final boolean post;

    final UUID id;

    final long enqueuedNanos;

    ObjectNode main;

    byte[] mainBytes;

    final Map<String, byte[]> parts;

    /** How many submitted operations this one stands for (2 once a post absorbed its patch). */
    int units = 1;

    /** What {@link #bytes()} returns, kept because the queue asks for it several times per operation. */
    private long bytes;

    RunOperation(boolean post, UUID id, long enqueuedNanos, ObjectNode main, byte[] mainBytes,
            Map<String, byte[]> parts) {
        this.post = post;
        this.id = id;
        this.enqueuedNanos = enqueuedNanos;
        this.main = main;
        this.mainBytes = mainBytes;
        this.parts = new LinkedHashMap<>(parts);
        this.bytes = count();
    }

    String kind() {
        return this.post ? "post" : "patch";
    }

    /** Returns the bytes this operation holds, as the queue counts them. */
    long bytes() {
        return this.bytes;
    }

    private long count() {
        long total = this.mainBytes.length + PART_OVERHEAD;
        for (byte[] part : this.parts.values()) {
            total += part.length + PART_OVERHEAD;
        }
        return total;
    }

    /**
     * Merges the patch of the same run into this post: the patch's fields win (the end time, the
     * final tags), its parts replace the post's of the same name (events, extra) or are added
     * (outputs, error).
     */
    void absorb(RunOperation patch, byte[] mergedMainBytes, ObjectNode mergedMain) {
        this.main = mergedMain;
        this.mainBytes = mergedMainBytes;
        this.parts.putAll(patch.parts);
        this.units += patch.units;
        this.bytes = count();
    }
}
