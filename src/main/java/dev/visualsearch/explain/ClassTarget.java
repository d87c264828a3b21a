package dev.visualsearch.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.visualsearch.embedding.FeatureMapModel;

/** The logit of one class of a classifier model (one that has a head on its feature map). */
public record ClassTarget(int index) implements CamTarget {

    @Override
    public NDArray score(FeatureMapModel model, NDArray featureMap) {
        if (!model.hasLogits()) {
            throw new UnsupportedOperationException(model.id() + " has no classifier head to take class "
                    + index + " from");
        }
        return model.logits(featureMap).get(new NDIndex(":, {}", index));
    }

    @Override
    public String describe() {
        return "class " + index;
    }
}
