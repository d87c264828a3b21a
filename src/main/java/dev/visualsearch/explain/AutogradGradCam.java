package dev.visualsearch.explain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.visualsearch.embedding.FeatureMapModel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Grad-CAM with gradients from PyTorch autograd (DJL {@link GradientCollector}): the activations are copied into a
 * leaf that requires a gradient, the target is computed from that leaf and back-propagated, and a_c is the spatial
 * mean of dS/dA_c. Works for any differentiable target (similarity through any head, class logits).
 */
public final class AutogradGradCam extends BaseCam {

    public static final String ID = "gradcam-autograd";

    /** DJL's PyTorch collector is process-wide: only one may be open at a time, so backward passes take turns. */
    private static final ReentrantLock COLLECTING = new ReentrantLock();

    @Override
    public String id() {
        return ID;
    }

    @Override
    protected float[] channelWeights(FeatureMapModel model, NDArray activations, CamTarget target) {
        NDArray leaf = activations.stopGradient().duplicate();
        leaf.setRequiresGradient(true);
        COLLECTING.lock();
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            collector.backward(target.score(model, leaf).sum());
        } finally {
            COLLECTING.unlock();
        }
        NDArray gradient = leaf.getGradient();
        // mean over H and W; DJL's PyTorch mean takes one axis, so flatten the grid first.
        long channels = gradient.getShape().get(1);
        return gradient.reshape(channels, -1).mean(new int[] {1}).toFloatArray();
    }
}
