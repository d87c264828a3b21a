package dev.visualsearch.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "app.embedding")
public interface EmbeddingConfig {

    /** Which model embeds images: {@code inception-mixed6} (offline default) or {@code torchscript}. */
    @WithDefault("inception-mixed6")
    String model();

    /**
     * How the backbone's feature map becomes a vector: {@code avg}, {@code max}, {@code gem} / {@code gem:P}
     * (generalised mean, power P) or {@code rmac} (regional max). Chosen by the numbers in docs/evaluation.md.
     * Applies to TorchScript models that expose a feature map too.
     */
    @WithDefault("rmac")
    String pooling();

    /**
     * Which part of an image is embedded: {@code object} (the object cut out of a plain background, centred and
     * padded; photos on busy backgrounds are kept whole), {@code salient} (the same, and on a busy background the
     * object is first cut out by the salient-object model of {@code app.embedding.salient.*}) or {@code none} (the
     * whole image).
     */
    @WithDefault("object")
    String framing();

    /** Images per forward pass in the backlog job, imports and the seed (single uploads embed at once). */
    @WithDefault("8")
    int batchSize();

    /** PyTorch intra-op threads; 0 uses every core. */
    @WithDefault("0")
    int threads();

    /** Forward passes that may run at once (each already uses every core); more requests wait in line. */
    @WithDefault("1")
    int inferenceSlots();

    /** How long a request waits for a free inference slot before it gets 429. */
    @WithDefault("10s")
    java.time.Duration inferenceQueueTimeout();

    /**
     * How long a backlog batch claimed by this instance stays its own without being renewed: when an instance dies,
     * its batch returns to the backlog after this long (several instances share the backlog through the database).
     */
    @WithDefault("60s")
    java.time.Duration claimLease();

    /** Folder for model files fetched on first use (the nsfwjs npm tarball). */
    @WithDefault("${app.data-dir}/models")
    String modelDir();

    Inception inception();

    Salient salient();

    Torchscript torchscript();

    SelfCheck selfCheck();

    interface SelfCheck {

        /**
         * Fault injection for the heal path's tests: the default model's self-check fails while oneDNN is uncapped,
         * as it did on the CPU of docs/models.md. Never set it in production.
         */
        @WithDefault("false")
        boolean injectFaultWhenUncapped();
    }

    /** The salient-object model of {@code framing=salient} (opt-in: its npm package is AGPL-3.0, docs/models.md). */
    interface Salient {

        /** The defaults below, also what the tests fetch. */
        String PACKAGE = "@imgly/background-removal-data@1.4.5";
        String INTEGRITY = "sha512-iRXZpPd7YirbJ4eOZ3SlvbdJkAc/LxVjzWLMHOezmRrVThPJPdPc+Y2kHEAVFEVvpDIuvBDyOfTTFBSJT2QR5w==";

        /** npm package holding IS-Net in ONNX, fetched with {@code npm pack} when salient framing is on. */
        @WithDefault(PACKAGE)
        String npmPackage();

        /** npm's published SHA-512 integrity of that package; the fetched tarball must match it. */
        @WithDefault(INTEGRITY)
        String npmIntegrity();

        /** Use this tarball, or a plain IS-Net {@code .onnx} file, instead of fetching the package. */
        Optional<String> archive();

        /** Which of the package's models: {@code small} (8-bit weights, 44 MB) or {@code medium} (float16, 88 MB). */
        @WithDefault("small")
        String variant();
    }

    interface Inception {

        /** The defaults below, also what the tests fetch. */
        String PACKAGE = "nsfwjs@4.4.0";
        String INTEGRITY = "sha512-krC1fgeTLXtZwgdpKJ0jm7hqv0gTSRQQRL+FhOaxaJ9Wj92t42BO3csO2odwgTAgZgf2RvkwPtp0R8Aa7dc+MA==";

        /** npm package holding the TF.js InceptionV3 weights, fetched with {@code npm pack} when missing. */
        @WithDefault(PACKAGE)
        String npmPackage();

        /** npm's published SHA-512 integrity of that package; the fetched tarball must match it. */
        @WithDefault(INTEGRITY)
        String npmIntegrity();

        /** Use this tarball instead of fetching one (e.g. a copy on a machine without the npm registry). */
        Optional<String> archive();

        /**
         * Inception blocks whose channels, side by side, make the feature map (each 768 x 17 x 17; mixed4, mixed5,
         * mixed6, shallow to deep). Chosen by the numbers in docs/evaluation.md.
         */
        @WithDefault("mixed5,mixed6")
        List<String> layers();
    }

    interface Torchscript {

        /**
         * Model location: a local file path, a file: URL, an http(s) URL or a DJL model-zoo URL (djl://...).
         * Required when {@code app.embedding.model=torchscript}.
         */
        Optional<String> location();

        /** Square input side the model expects. */
        @WithDefault("224")
        int inputSize();

        /** Per-channel mean subtracted after scaling to [0,1] (ImageNet by default). */
        @WithDefault("0.485,0.456,0.406")
        List<Float> mean();

        /** Per-channel std divided by after subtracting the mean (ImageNet by default). */
        @WithDefault("0.229,0.224,0.225")
        List<Float> std();

        /**
         * {@code model}: the vector is the model's own first output (pooled by average when it is a map);
         * {@code pooled}: {@code app.embedding.pooling} and {@code framing} over the model's feature map, as for the
         * default model (needs a model that exposes one).
         */
        @WithDefault("model")
        String descriptor();

        /** Name shown to users; defaults to the file name. */
        Optional<String> name();
    }
}
