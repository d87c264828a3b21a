package dev.visualsearch.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visualsearch.catalog.image.ImageFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.net.ConnectException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keeping a query image is best-effort: a store that fails (the database is down) never fails the search. */
class QueryImagesTest {

    /** An in-memory store whose writes fail while {@code down} is set, the way the table does during an outage. */
    private static final class FlakyStore implements QueryImageStore {
        boolean down;
        final Map<UUID, byte[]> images = new HashMap<>();

        @Override
        public Uni<Void> keep(UUID queryId, byte[] bytes, ImageFormat format, String modelId, float[] vector) {
            if (down) {
                return Uni.createFrom().failure(
                        new IllegalStateException("insert failed", new ConnectException("Connection refused")));
            }
            images.put(queryId, bytes);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Optional<float[]>> vector(UUID queryId, String modelId) {
            return Uni.createFrom().item(Optional.empty());
        }

        @Override
        public Uni<Optional<byte[]>> find(UUID queryId) {
            return Uni.createFrom().item(Optional.ofNullable(images.get(queryId)));
        }

        @Override
        public void evict() {
            // nothing to evict
        }
    }

    @Test
    void aFailedStoreIsCountedAndTheQueryIsLaterNotFound() {
        FlakyStore store = new FlakyStore();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QueryImages images = new QueryImages(store, registry);
        store.down = true;
        UUID lost = UUID.randomUUID();
        // the search chains keep: it must complete, not fail, while the store is down
        images.keep(lost, new byte[] {1, 2, 3}, ImageFormat.PNG, "m", new float[] {1f}).await().indefinitely();
        images.keep(UUID.randomUUID(), new byte[] {4}, ImageFormat.PNG, "m", new float[] {1f}).await().indefinitely();
        assertEquals(2.0, registry.get("query_images_not_kept").counter().count());
        assertTrue(images.find(lost).await().indefinitely().isEmpty(), "its explanation answers 404");

        store.down = false;
        UUID kept = UUID.randomUUID();
        images.keep(kept, new byte[] {9}, ImageFormat.PNG, "m", new float[] {1f}).await().indefinitely();
        assertArrayEquals(new byte[] {9}, images.find(kept).await().indefinitely().orElseThrow());
        assertEquals(2.0, registry.get("query_images_not_kept").counter().count(), "only failures are counted");
    }
}
