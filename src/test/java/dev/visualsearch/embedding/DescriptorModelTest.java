package dev.visualsearch.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.visualsearch.embedding.framing.ForegroundMask;
import dev.visualsearch.embedding.framing.ObjectFraming;
import dev.visualsearch.embedding.framing.SalientFraming;
import dev.visualsearch.embedding.pooling.Pooling;
import dev.visualsearch.support.TestImages;
import dev.visualsearch.support.TestMasks;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The adapt job's views skip the salient mask: the same descriptor with object framing. */
class DescriptorModelTest {

    /** A backbone whose feature map is its input (3 channels, RGB), enough to compare framings. */
    private static final class PixelsAsFeatures implements FeatureMapModel {
        private final ImagePreprocessor preprocessor = ImagePreprocessor.unitRange(16);

        @Override
        public String id() {
            return "pixels";
        }

        @Override
        public String description() {
            return "pixels";
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public int inputSize() {
            return 16;
        }

        @Override
        public float[][] embed(List<BufferedImage> images) {
            throw new UnsupportedOperationException("used through DescriptorModel only");
        }

        @Override
        public String featureLayer() {
            return "input";
        }

        @Override
        public ImagePreprocessor preprocessor() {
            return preprocessor;
        }

        @Override
        public NDArray featureMap(NDManager manager, NDArray nchw) {
            return nchw;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void withoutSalientMaskEmbedsABusyImageWithObjectFramingAndNeverAsksTheMask() {
        AtomicInteger asked = new AtomicInteger();
        // Nothing is foreground: salient framing keeps a busy image whole, as object framing does.
        ForegroundMask mask = TestMasks.box(0, 0, 0, 0, asked);
        PixelsAsFeatures backbone = new PixelsAsFeatures();
        DescriptorModel salient = new DescriptorModel(backbone, Pooling.parse("avg"), new SalientFraming(mask));
        DescriptorModel object = new DescriptorModel(backbone, Pooling.parse("avg"), new ObjectFraming());
        BufferedImage busy = TestImages.noise(3, 64, 48);

        EmbeddingModel views = DescriptorModel.withoutSalientMask(salient);

        assertArrayEquals(object.embed(List.of(busy))[0], views.embed(List.of(busy))[0], 1e-6f);
        assertEquals(0, asked.get(), "the mask is never asked");
        assertEquals(salient.dimension(), views.dimension());
        assertTrue(views.id().endsWith("+object"), views.id());
        assertSame(object, DescriptorModel.withoutSalientMask(object), "other framings are kept as they are");
        salient.embed(List.of(busy));
        assertEquals(1, asked.get(), "the salient model itself does ask it on a busy image");
    }
}
