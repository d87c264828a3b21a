package dev.visualsearch.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import java.math.BigDecimal;
import java.time.Instant;

/** A catalogue product; its image is stored on disk at {@link #imagePath} under the data folder. */
@Entity
@Table(name = "product")
public class Product {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String sku;
    public String title;
    public String category;
    public BigDecimal price;
    // char(64) in the schema (V1): typed CHAR here too, or dev mode's schema check after a live reload complains
    @Column(name = "image_hash", columnDefinition = "char(64)")
    @JdbcTypeCode(SqlTypes.CHAR)
    public String imageHash;
    public String imagePath;
    public String imageFormat;
    public int imageWidth;
    public int imageHeight;
    public Integer clusterId;
    public Instant createdAt;
    public Instant updatedAt;
}
