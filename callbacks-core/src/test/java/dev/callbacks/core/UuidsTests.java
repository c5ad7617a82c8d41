package dev.callbacks.core;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.callbacks.core.config.Uuids;

import static org.assertj.core.api.Assertions.assertThat;

/** The public run-id factory gives the library's own ids: UUIDv7, increasing within a thread. */
class UuidsTests {

    @Test
    void idsAreVersion7VariantTwoAndIncreasing() {
        long before = System.currentTimeMillis();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Uuids.uuid7());
        }
        long after = System.currentTimeMillis();

        assertThat(ids).allSatisfy((id) -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(UUID::compareTo);
        // The first 48 bits are the creation time in Unix milliseconds (a counter overflow may
        // borrow a few milliseconds ahead, never more than one per 3,072 ids).
        assertThat(ids.get(0).getMostSignificantBits() >>> 16).isBetween(before, after + 4);
    }
}
