package dev.visualsearch.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.visualsearch.embedding.FeatureMapModel;

/** Cosine similarity between the image's embedding and a fixed L2-normalised vector {@code q} (the other image). */
public record SimilarityTarget(float[] q) implements CamTarget {

    @Override
    public NDArray score(FeatureMapModel model, NDArray featureMap) {
        NDArray embedding = model.embedding(featureMap);
        NDArray reference = featureMap.getManager().create(q, new Shape(q.length, 1));
        return embedding.matMul(reference).reshape(-1);
    }

    @Override
    public String describe() {
        return "cosine similarity";
    }
}
