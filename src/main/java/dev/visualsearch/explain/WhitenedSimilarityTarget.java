package dev.visualsearch.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.visualsearch.adapt.PhotoShift;
import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.index.whitening.Whitening;
import java.util.Optional;

/**
 * The cosine the search ranked by when its index is whitened: the image's embedding e taken into the search space
 * as the index takes it, w = normalise(P (e - mu)), against the other image's vector {@code q} in that space. A map
 * for the model's own cosine instead would explain a score nobody saw: whitening removes the catalogue's mean
 * (mostly its white background) and evens out the directions every product shares, so the plain cosine's heat sits
 * where the search no longer looks. When the image is a query photo the search moved by a photo shift,
 * {@code shift} carries it: e becomes normalise(e + delta) before the whitening, as the search's vector did.
 */
public record WhitenedSimilarityTarget(float[] q, Whitening whitening, Optional<PhotoShift> shift)
        implements CamTarget {

    public WhitenedSimilarityTarget {
        if (q.length != whitening.dims()) {
            throw new IllegalArgumentException("Target vector has " + q.length + " values, the whitening gives "
                    + whitening.dims());
        }
        if (shift.isPresent() && shift.get().dimension() != whitening.inputDimension()) {
            throw new IllegalArgumentException("The photo shift has " + shift.get().dimension()
                    + " values, the whitening takes " + whitening.inputDimension());
        }
    }

    public WhitenedSimilarityTarget(float[] q, Whitening whitening) {
        this(q, whitening, Optional.empty());
    }

    @Override
    public NDArray score(FeatureMapModel model, NDArray featureMap) {
        NDManager manager = featureMap.getManager();
        int in = whitening.inputDimension();
        NDArray embedding = model.embedding(featureMap);
        if (shift.isPresent()) {
            NDArray moved = embedding.add(manager.create(shift.get().delta(), new Shape(1, in)));
            embedding = moved.div(moved.norm(new int[] {1}, true).maximum(1e-12f));
        }
        NDArray mean = manager.create(whitening.mean(), new Shape(1, in));
        NDArray projection = manager.create(whitening.projection(), new Shape(whitening.dims(), in));
        NDArray whitened = embedding.sub(mean).matMul(projection.transpose());
        NDArray unit = whitened.div(whitened.norm(new int[] {1}, true).maximum(1e-12f));
        return unit.matMul(manager.create(q, new Shape(q.length, 1))).reshape(-1);
    }

    /**
     * u = P^T q: the direction in the model's space along which the whitened score grows; the similarity map
     * weighs channels by it.
     */
    float[] modelSpaceDirection() {
        int in = whitening.inputDimension();
        float[] projection = whitening.projection();
        float[] u = new float[in];
        for (int i = 0; i < q.length; i++) {
            int base = i * in;
            for (int j = 0; j < in; j++) {
                u[j] += q[i] * projection[base + j];
            }
        }
        return u;
    }

    @Override
    public String describe() {
        return "cosine similarity in the search space " + whitening.id()
                + shift.map(s -> " after the photo shift " + s.id()).orElse("");
    }
}
