package dev.visualsearch.embedding.tfjs;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the Keras topology up to a cut layer into executable steps: Conv2D+BatchNormalization+ReLU chains become one
 * folded convolution, and convolutions of the same input and geometry are fused into one when {@code fuse} is set.
 */
final class GraphCompiler {

    private final TfjsArchive archive;
    private final NDManager manager;
    private final boolean fuse;
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final Map<String, ConvUnit> unitOf = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    /** In topology order: a {@link ConvUnit} or a finished {@link TfjsGraph.Step}. */
    private final List<Object> entries = new ArrayList<>();
    private int inputSlot = -1;
    private int slots;

    GraphCompiler(TfjsArchive archive, NDManager manager, boolean fuse) {
        this.archive = archive;
        this.manager = manager;
        this.fuse = fuse;
    }

    /** Compiles the layers that {@code outputLayers} need; the graph returns their outputs in that order. */
    TfjsGraph compile(List<String> outputLayers) {
        List<KerasLayer> layers = ancestors(archive.layers(), outputLayers);
        for (KerasLayer layer : layers) {
            layer.inbound().forEach(name -> consumers.merge(name, 1, Integer::sum));
        }
        for (KerasLayer layer : layers) {
            add(layer);
        }
        if (inputSlot < 0) {
            throw new ModelFormatException("no InputLayer feeds " + outputLayers);
        }
        int[] outputSlots = outputLayers.stream().mapToInt(slotOf::get).toArray();
        return new TfjsGraph(manager, emitSteps(), inputSlot, outputSlots, slots);
    }

    private static List<KerasLayer> ancestors(List<KerasLayer> layers, List<String> outputLayers) {
        Map<String, KerasLayer> byName = new LinkedHashMap<>();
        layers.forEach(l -> byName.put(l.name(), l));
        for (String output : outputLayers) {
            if (!byName.containsKey(output)) {
                throw new ModelFormatException("topology has no layer " + output);
            }
        }
        Set<String> needed = new HashSet<>();
        List<String> todo = new ArrayList<>(outputLayers);
        while (!todo.isEmpty()) {
            String name = todo.remove(todo.size() - 1);
            KerasLayer layer = byName.get(name);
            if (layer == null) {
                throw new ModelFormatException("layer " + name + " is referenced but not defined");
            }
            if (needed.add(name)) {
                todo.addAll(layer.inbound());
            }
        }
        return layers.stream().filter(l -> needed.contains(l.name())).toList();
    }

    private void add(KerasLayer layer) {
        switch (layer.className()) {
            case "InputLayer" -> addInput(layer);
            case "Conv2D" -> addConv(layer);
            case "BatchNormalization" -> foldBatchNorm(layer);
            case "Activation" -> foldActivation(layer, layer.config().path("activation").asText());
            case "MaxPooling2D" -> addPool(layer, true);
            case "AveragePooling2D" -> addPool(layer, false);
            case "Concatenate" -> addConcat(layer);
            default -> throw new ModelFormatException(
                    "unsupported layer type " + layer.className() + " (" + layer.name() + ")");
        }
    }

    private void addInput(KerasLayer layer) {
        if (inputSlot >= 0) {
            throw new ModelFormatException("more than one InputLayer");
        }
        inputSlot = newSlot(layer.name());
    }

    private void addConv(KerasLayer layer) {
        JsonNode c = layer.config();
        requireChannelsLast(layer);
        if (c.path("dilation_rate").path(0).asInt(1) != 1 || c.path("dilation_rate").path(1).asInt(1) != 1) {
            throw new ModelFormatException(layer.name() + ": dilated convolution is not supported");
        }
        int in = slotOfOnlyInput(layer);
        TfjsWeight bias = c.path("use_bias").asBoolean(true) ? archive.weight(layer.name() + "/bias") : null;
        ConvUnit unit = ConvUnit.fromKeras(in, newSlot(layer.name()), layer,
                archive.weight(layer.name() + "/kernel"), bias);
        unitOf.put(layer.name(), unit);
        entries.add(unit);
        foldActivation(layer, c.path("activation").asText("linear"));
    }

    private void foldBatchNorm(KerasLayer layer) {
        JsonNode c = layer.config();
        int axis = c.path("axis").asInt(-1);
        if (axis != 3 && axis != -1) {
            throw new ModelFormatException(layer.name() + ": batch-norm over axis " + axis + " is not supported");
        }
        ConvUnit unit = foldTarget(layer);
        if (!unit.canFoldBatchNorm()) {
            throw new ModelFormatException(layer.name() + ": batch-norm after an activation is not supported");
        }
        String p = layer.name() + "/";
        float[] mean = archive.weight(p + "moving_mean").values();
        float[] variance = archive.weight(p + "moving_variance").values();
        float[] gamma = c.path("scale").asBoolean(true) ? archive.weight(p + "gamma").values() : null;
        float[] beta = c.path("center").asBoolean(true) ? archive.weight(p + "beta").values() : null;
        double epsilon = c.path("epsilon").asDouble(1e-3);
        float[] scale = new float[mean.length];
        float[] shift = new float[mean.length];
        for (int i = 0; i < mean.length; i++) {
            double s = (gamma == null ? 1.0 : gamma[i]) / Math.sqrt(variance[i] + epsilon);
            scale[i] = (float) s;
            shift[i] = (float) ((beta == null ? 0.0 : beta[i]) - mean[i] * s);
        }
        unit.foldAffine(scale, shift);
        alias(layer, unit);
    }

    private void foldActivation(KerasLayer layer, String activation) {
        switch (activation) {
            case "linear" -> {
                if (!layer.className().equals("Conv2D")) {
                    alias(layer, foldTarget(layer));
                }
            }
            case "relu" -> {
                ConvUnit unit = layer.className().equals("Conv2D") ? unitOf.get(layer.name()) : foldTarget(layer);
                unit.setRelu();
                alias(layer, unit);
            }
            default -> throw new ModelFormatException(layer.name() + ": unsupported activation " + activation);
        }
    }

    /** The conv unit this layer can be folded into: its only input, which nothing else reads. */
    private ConvUnit foldTarget(KerasLayer layer) {
        String input = onlyInput(layer);
        ConvUnit unit = unitOf.get(input);
        if (unit == null || consumers.getOrDefault(input, 0) != 1) {
            throw new ModelFormatException(layer.name() + ": " + layer.className()
                    + " is supported only directly after a Conv2D that nothing else reads");
        }
        return unit;
    }

    private void alias(KerasLayer layer, ConvUnit unit) {
        unitOf.put(layer.name(), unit);
        slotOf.put(layer.name(), unit.outputSlot);
    }

    private void addPool(KerasLayer layer, boolean max) {
        requireChannelsLast(layer);
        int[] kernel = {layer.intAt("pool_size", 0), layer.intAt("pool_size", 1)};
        JsonNode strides = layer.config().path("strides");
        int[] stride = strides.isArray() ? new int[] {layer.intAt("strides", 0), layer.intAt("strides", 1)} : kernel;
        String padding = layer.config().path("padding").asText("valid");
        int in = slotOfOnlyInput(layer);
        addStep(new PoolOp(max, kernel, stride, padding), new int[] {in}, layer);
    }

    private void addConcat(KerasLayer layer) {
        int axis = layer.config().path("axis").asInt(-1);
        if (axis != 3 && axis != -1) {
            throw new ModelFormatException(layer.name() + ": concatenation on axis " + axis + " is not supported");
        }
        int[] in = layer.inbound().stream().mapToInt(this::slot).toArray();
        addStep(new ConcatOp(), in, layer);
    }

    private void addStep(GraphOp op, int[] inputs, KerasLayer layer) {
        entries.add(new TfjsGraph.Step(op, inputs, new int[] {newSlot(layer.name())}));
    }

    private List<TfjsGraph.Step> emitSteps() {
        List<List<ConvUnit>> groups = new ArrayList<>();
        Map<ConvUnit, List<ConvUnit>> groupOf = new HashMap<>();
        for (Object entry : entries) {
            if (entry instanceof ConvUnit unit) {
                List<ConvUnit> group = fuse ? groups.stream()
                        .filter(g -> g.get(0).fusableWith(unit)).findFirst().orElse(null) : null;
                if (group == null) {
                    group = new ArrayList<>();
                    groups.add(group);
                }
                group.add(unit);
                groupOf.put(unit, group);
            }
        }
        List<TfjsGraph.Step> steps = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof TfjsGraph.Step step) {
                steps.add(step);
            } else if (entry instanceof ConvUnit unit && groupOf.get(unit).get(0) == unit) {
                List<ConvUnit> group = groupOf.get(unit);
                steps.add(new TfjsGraph.Step(ConvUnit.toOp(group, manager), new int[] {unit.inputSlot},
                        group.stream().mapToInt(u -> u.outputSlot).toArray()));
            }
        }
        return steps;
    }

    private static void requireChannelsLast(KerasLayer layer) {
        if (!layer.config().path("data_format").asText("channels_last").equals("channels_last")) {
            throw new ModelFormatException(layer.name() + ": only channels_last models are supported");
        }
    }

    private int slotOfOnlyInput(KerasLayer layer) {
        return slot(onlyInput(layer));
    }

    private static String onlyInput(KerasLayer layer) {
        if (layer.inbound().size() != 1) {
            throw new ModelFormatException(layer.name() + ": expected one input, got " + layer.inbound());
        }
        return layer.inbound().get(0);
    }

    private int slot(String layerName) {
        Integer slot = slotOf.get(layerName);
        if (slot == null) {
            throw new ModelFormatException("layer " + layerName + " is used before it is defined");
        }
        return slot;
    }

    private int newSlot(String layerName) {
        slotOf.put(layerName, slots);
        return slots++;
    }
}
