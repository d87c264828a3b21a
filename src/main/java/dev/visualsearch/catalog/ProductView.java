package dev.visualsearch.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/** A product as the API shows it. */
public record ProductView(long id, String sku, String title, String category, BigDecimal price, String imageUrl,
                          String thumbnailUrl, Integer clusterId, int imageWidth, int imageHeight,
                          Instant createdAt) {

    public static ProductView of(Product p) {
        return new ProductView(p.id, p.sku, p.title, p.category, p.price, imageUrl(p.id), thumbnailUrl(p.id),
                p.clusterId, p.imageWidth, p.imageHeight, p.createdAt);
    }

    public static String imageUrl(long id) {
        return "/api/products/" + id + "/image";
    }

    public static String thumbnailUrl(long id) {
        return "/api/products/" + id + "/thumbnail";
    }
}
