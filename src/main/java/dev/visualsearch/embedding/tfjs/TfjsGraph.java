package dev.visualsearch.embedding.tfjs;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A TF.js layers model compiled to NDArray steps, cut at one layer. Weights live in a manager owned by the graph;
 * each {@link #forward} call keeps its intermediates in its own child manager and frees each one after its last
 * use, so concurrent callers are safe and memory stays bounded.
 */
public final class TfjsGraph implements AutoCloseable {

    /** One step: reads the arrays in {@code inputs} slots, writes its outputs to {@code outputs} slots. */
    record Step(GraphOp op, int[] inputs, int[] outputs) {
    }

    private final NDManager weights;
    private final List<Step> steps;
    private final int inputSlot;
    private final int[] outputSlots;
    private final int slotCount;
    /** For each step, the slots whose last reader it is. */
    private final int[][] freedAfter;

    TfjsGraph(NDManager weights, List<Step> steps, int inputSlot, int[] outputSlots, int slotCount) {
        this.weights = weights;
        this.steps = List.copyOf(steps);
        this.inputSlot = inputSlot;
        this.outputSlots = outputSlots.clone();
        this.slotCount = slotCount;
        this.freedAfter = lastUses();
    }

    /**
     * Builds the graph of {@code archive} up to and including {@code cutLayer}, on the CPU with the PyTorch engine.
     *
     * @param fuseSiblingConvs compute convolutions that share input and geometry as one convolution
     */
    public static TfjsGraph cutAt(TfjsArchive archive, String cutLayer, boolean fuseSiblingConvs) {
        return withOutputs(archive, List.of(cutLayer), fuseSiblingConvs);
    }

    /**
     * Builds the graph of {@code archive} up to the layers in {@code outputLayers}, which {@link #forwardAll}
     * returns in that order (e.g. two inception blocks for a multi-layer descriptor, at the cost of the deeper one).
     */
    public static TfjsGraph withOutputs(TfjsArchive archive, List<String> outputLayers, boolean fuseSiblingConvs) {
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            return new GraphCompiler(archive, manager, fuseSiblingConvs).compile(outputLayers);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Runs the graph on an NCHW float batch; the result is attached to the input's manager. Only NDArray operations
     * are used, so it works inside a {@code GradientCollector}.
     */
    public NDArray forward(NDArray input) {
        NDList outputs = forwardAll(input);
        for (int i = 1; i < outputs.size(); i++) {
            outputs.get(i).close();
        }
        return outputs.get(0);
    }

    /** Runs the graph and returns every output layer's array, in the order the graph was built with. */
    public NDList forwardAll(NDArray input) {
        Shape shape = input.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 3) {
            throw new IllegalArgumentException("expected an N x 3 x H x W input, got " + shape);
        }
        NDManager owner = input.getManager();
        try (NDManager scope = owner.newSubManager()) {
            input.tempAttach(scope);
            NDArray[] slots = new NDArray[slotCount];
            slots[inputSlot] = input;
            for (int s = 0; s < steps.size(); s++) {
                Step step = steps.get(s);
                NDList in = new NDList(step.inputs().length);
                for (int slot : step.inputs()) {
                    in.add(slots[slot]);
                }
                NDList out = step.op().apply(in);
                for (int i = 0; i < step.outputs().length; i++) {
                    slots[step.outputs()[i]] = out.get(i);
                }
                for (int slot : freedAfter[s]) {
                    slots[slot].close();
                    slots[slot] = null;
                }
            }
            NDList results = new NDList(outputSlots.length);
            for (int slot : outputSlots) {
                slots[slot].attach(owner);
                results.add(slots[slot]);
            }
            return results;
        }
    }

    @Override
    public void close() {
        weights.close();
    }

    private int[][] lastUses() {
        int[] lastReader = new int[slotCount];
        Arrays.fill(lastReader, -1);
        for (int s = 0; s < steps.size(); s++) {
            for (int slot : steps.get(s).inputs()) {
                lastReader[slot] = s;
            }
        }
        int[][] freed = new int[steps.size()][];
        for (int s = 0; s < steps.size(); s++) {
            final int step = s;
            freed[s] = IntStream.range(0, slotCount)
                    .filter(slot -> slot != inputSlot && Arrays.stream(outputSlots).noneMatch(o -> o == slot)
                            && lastReader[slot] == step)
                    .toArray();
        }
        return freed;
    }
}
