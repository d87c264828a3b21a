package dev.visualsearch.index;

import dev.visualsearch.embedding.EmbeddingRepository.StoredVector;
import dev.visualsearch.index.whitening.Whitening;
import java.util.List;
import java.util.Optional;

/**
 * The space the indexes search in: the model's vectors as they are, or whitened by a transform learned from the
 * catalogue. {@link #id()} names both (model id, then the whitening's id), and every index records it in its
 * header, so an index built in one space is never searched with vectors of another.
 */
public record SearchSpace(String modelId, Optional<Whitening> whitening) {

    public static SearchSpace raw(String modelId) {
        return new SearchSpace(modelId, Optional.empty());
    }

    public String id() {
        return whitening.map(w -> modelId + "|" + w.id()).orElse(modelId);
    }

    /** Dimension of the vectors in this space, given the model's. */
    public int dimension(int modelDimension) {
        return whitening.map(Whitening::dims).orElse(modelDimension);
    }

    /** A model vector in this space (the same array when nothing is applied). */
    public float[] apply(float[] modelVector) {
        return whitening.map(w -> w.apply(modelVector)).orElse(modelVector);
    }

    public List<StoredVector> applyAll(List<StoredVector> stored) {
        if (whitening.isEmpty()) {
            return stored;
        }
        return stored.stream().map(v -> new StoredVector(v.productId(), v.category(), apply(v.vector()))).toList();
    }
}
