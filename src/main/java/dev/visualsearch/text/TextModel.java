package dev.visualsearch.text;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.embedding.Vectors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * all-MiniLM-L6-v2 (384-d sentence embeddings, Apache-2.0) run in process by langchain4j on ONNX Runtime. The ONNX
 * file and the tokenizer are inside the langchain4j jar, so nothing is downloaded; the model loads on first use (about
 * a second), not at start-up. Vectors are L2-normalised here, whatever the library does.
 */
@ApplicationScoped
public class TextModel {

    /** Recorded with every text vector: a different model or library version gets vectors of its own. */
    public static final String ID = "all-minilm-l6-v2@langchain4j-embeddings-1.19.0-beta29";
    public static final int DIM = 384;

    private static final Logger LOG = Logger.getLogger(TextModel.class);

    private volatile EmbeddingModel model;

    public String id() {
        return ID;
    }

    public float[] embed(String text) {
        return Vectors.normalise(loaded().embed(text).content().vector());
    }

    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return loaded().embedAll(segments).content().stream().map(e -> Vectors.normalise(e.vector())).toList();
    }

    private EmbeddingModel loaded() {
        EmbeddingModel current = model;
        if (current == null) {
            synchronized (this) {
                current = model;
                if (current == null) {
                    long start = System.nanoTime();
                    try {
                        current = new AllMiniLmL6V2EmbeddingModel();
                    } catch (RuntimeException | LinkageError e) {
                        LOG.errorf(e, "Text model %s could not be loaded", ID);
                        throw new ApiProblem(503, "Text model unavailable", "The text model could not be loaded ("
                                + e.getClass().getSimpleName() + ", see the log); searches by picture still work");
                    }
                    model = current;
                    LOG.infof("Text model %s loaded in %d ms", ID, (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return current;
    }
}
