package dev.visualsearch.text;

import dev.visualsearch.common.database.BlockingDatabase;
import dev.visualsearch.common.run.Progress;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The pipeline's text job: gives every product without a vector for the text model one (products from before the
 * text index existed, failures, or all of them after a text model change), then reloads the text index from the
 * database. Blocking.
 */
@ApplicationScoped
public class TextBacklogJob {

    static final int BATCH = 64;

    private final TextModel model;
    private final TextVectorRepository vectors;
    private final TextIndexer indexer;
    private final TextIndex index;

    public TextBacklogJob(TextModel model, TextVectorRepository vectors, TextIndexer indexer, TextIndex index) {
        this.model = model;
        this.vectors = vectors;
        this.indexer = indexer;
        this.index = index;
    }

    public long pending() {
        return BlockingDatabase.await(() -> vectors.countMissing(model.id()));
    }

    /** Returns how many products were given a text vector; {@code progress} receives (fraction, message). */
    public int run(Progress progress) {
        long total = pending();
        int done = 0;
        while (true) {
            List<ProductText> batch = BlockingDatabase.await(() -> vectors.missing(model.id(), BATCH));
            if (batch.isEmpty()) {
                break;
            }
            indexer.index(batch);
            done += batch.size();
            progress.report(total == 0 ? 1 : Math.min(1, done / (double) total), "Embedded the words of " + done
                    + " of " + total + " product(s)");
        }
        index.load(BlockingDatabase.await(() -> vectors.all(model.id())));
        progress.report(1.0, "Text index holds " + index.size() + " product(s)");
        return done;
    }
}
