package dev.visualsearch.embedding;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A product's vector under one model: little-endian float32 bytes ({@link Vectors}), with the model and size. */
@Entity
@Table(name = "embedding")
@IdClass(Embedding.Key.class)
public class Embedding {

    @Id
    public long productId;
    @Id
    public String modelId;
    public int dim;
    public byte[] vector;
    public Instant createdAt;

    public static class Key implements Serializable {
        public long productId;
        public String modelId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.productId == productId && Objects.equals(k.modelId, modelId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(productId, modelId);
        }
    }
}
