package dev.visualsearch.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.adapt.PhotoShift;
import dev.visualsearch.adapt.PhotoShifts;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.embedding.ActiveModel;
import dev.visualsearch.embedding.FeatureMapModel;
import dev.visualsearch.embedding.framing.Framed;
import dev.visualsearch.embedding.InferenceSlots;
import dev.visualsearch.index.IndexService;
import dev.visualsearch.index.SearchSpace;
import dev.visualsearch.index.whitening.Whitening;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Explains why two images are similar under the active model: a CAM of one image (the {@link Side}) for the target
 * cosine(its embedding, the other's embedding) in the space the search ranked by (whitened when the index is),
 * rendered as an overlay, a pure heatmap or the JSON grid, and cached on disk. Blocking (inference, disk); call
 * from worker threads.
 */
@ApplicationScoped
public class ExplainService {

    public enum View { OVERLAY, HEATMAP, JSON }

    /** Which image of the pair the heatmap is drawn on: the matched product or the query. */
    public enum Side { RESULT, QUERY }

    /**
     * An image to explain or explain against; {@code vector} is its embedding when already known; {@code searched}
     * when it is a query image a search embedded (and may have moved by the photo shift), not a product's.
     */
    public record Subject(String sha256, Supplier<BufferedImage> pixels, Optional<float[]> vector, boolean searched) {
    }

    /** An answer body with its media type and whether it came from the cache. */
    public record Rendered(byte[] body, String mediaType, boolean cacheHit) {
    }

    /** A validated request: which view, method and side. */
    public record Request(View view, CamMethod method, Side side) {
    }

    private final ActiveModel model;
    private final ExplanationCache cache;
    private final ExplainConfig config;
    private final ObjectMapper json;
    private final InferenceSlots slots;
    private final IndexService indexes;
    private final PhotoShifts photoShifts;
    private final Map<String, CamMethod> methods = new LinkedHashMap<>();

    public ExplainService(ActiveModel model, ExplanationCache cache, ExplainConfig config, ObjectMapper json,
                          InferenceSlots slots, IndexService indexes, PhotoShifts photoShifts) {
        this.model = model;
        this.indexes = indexes;
        this.photoShifts = photoShifts;
        this.slots = slots;
        this.cache = cache;
        this.config = config;
        this.json = json;
        for (CamMethod method : List.of(new GradCam(), new AutogradGradCam(), new SimilarityMapCam(),
                new ScoreCam(config.scorecamChannels()), new OcclusionCam(config.occlusionGrid()))) {
            methods.put(method.id(), method);
        }
    }

    /** Resolves an API {@code method} value (default {@code gradcam}); 400 for an unknown one. */
    public CamMethod method(String name) {
        String id = name == null || name.isBlank() ? GradCam.ID : name.strip().toLowerCase(Locale.ROOT);
        CamMethod method = methods.get(id);
        if (method == null) {
            throw ApiProblem.badRequest("method must be one of " + String.join(", ", methods.keySet()) + ", not '"
                    + name + "'");
        }
        return method;
    }

    /** Validates the query parameters of an explain route (400 problems for bad values). */
    public Request request(String view, String method, String side) {
        return new Request(view(view), method(method), side(side));
    }

    public static View view(String name) {
        return parse(View.class, name, View.OVERLAY, "view");
    }

    public static Side side(String name) {
        return parse(Side.class, name, Side.RESULT, "side");
    }

    public Rendered explain(Subject query, Subject result, Request request) {
        CamMethod method = request.method();
        Side side = request.side();
        View view = request.view();
        FeatureMapModel active = model.get().featureMaps().orElseThrow(() -> ApiProblem.conflict(
                "The active model " + model.id() + " exposes no feature map, so its matches cannot be explained"));
        Subject explained = side == Side.RESULT ? result : query;
        Subject reference = side == Side.RESULT ? query : result;
        Optional<Whitening> whitening = searchWhitening(active);
        // A searched query photo may have gone through the photo shift in force, and its map must then explain the
        // shifted score. The key names the shift in force; whether this image went through it follows from its
        // pixels, so that is decided only when the map is computed and a cache hit decodes nothing.
        Optional<PhotoShift> inForce = explained.searched() && whitening.isPresent()
                ? photoShifts.active(model.id()) : Optional.empty();
        String[] parts = {active.id(), method.id(), active.featureLayer(),
                whitening.map(w -> "similarity|" + w.id()).orElse("similarity")
                        + inForce.map(s -> "|" + s.id()).orElse(""), explained.sha256(), reference.sha256()};
        String viewKey = ExplanationCache.key(append(parts, view.name()));
        Optional<byte[]> cached = cache.get(viewKey);
        if (cached.isPresent()) {
            return new Rendered(cached.get(), mediaType(view), true);
        }
        HeatmapView grid = grid(active, method, whitening, inForce.isPresent(), explained, reference,
                ExplanationCache.key(append(parts, "JSON")));
        if (view == View.JSON) {
            return new Rendered(toJson(grid), mediaType(view), false);
        }
        BufferedImage image = fit(explained.pixels().get(), config.maxRenderSide());
        BufferedImage drawn = view == View.OVERLAY
                ? HeatmapRenderer.overlay(image, grid.onImage(image.getWidth(), image.getHeight()),
                        config.overlayOpacity())
                : HeatmapRenderer.heatmap(grid.onImage(image.getWidth(), image.getHeight()), image.getWidth(),
                        image.getHeight());
        byte[] png = HeatmapRenderer.png(drawn);
        cache.put(viewKey, png);
        return new Rendered(png, mediaType(view), false);
    }

    /** The grid from the cache, or computed and cached (other views of the same pair reuse it). */
    private HeatmapView grid(FeatureMapModel active, CamMethod method, Optional<Whitening> whitening,
                             boolean shiftInForce, Subject explained, Subject reference, String key) {
        Optional<byte[]> cached = cache.get(key);
        if (cached.isPresent()) {
            try {
                return json.readValue(cached.get(), HeatmapView.class);
            } catch (IOException e) {
                // unreadable (e.g. an older format): recompute below
            }
        }
        // The reference's vector is usually known (the index holds products', the search kept the query's): reusing
        // it saves a forward pass, leaving one pass for the explained image's feature map.
        float[] q = reference.vector().orElseGet(() -> slots.run(() -> active.embed(reference.pixels().get())));
        BufferedImage pixels = explained.pixels().get();
        Framed framed = active.framing().frame(pixels);
        float[] input = active.preprocessor().toNchw(List.of(framed.image()));
        Optional<PhotoShift> shift = shiftInForce
                ? photoShifts.forQuery(model.id(), pixels, active.dimension()) : Optional.empty();
        CamTarget target = whitening.<CamTarget>map(w -> new WhitenedSimilarityTarget(w.apply(q), w, shift))
                .orElseGet(() -> new SimilarityTarget(q));
        Heatmap raw = slots.run(() -> method.compute(active, input, target));
        Heatmap unit = raw.normalised();
        HeatmapView view = new HeatmapView(unit.width(), unit.height(), unit.values(), raw.min(), raw.max(),
                method.id(), target.describe(), active.id(), active.featureLayer(), explained.sha256(),
                reference.sha256(), HeatmapView.frameOf(framed, pixels.getWidth(), pixels.getHeight()));
        cache.put(key, toJson(view));
        return view;
    }

    /** The whitening of the space the index searches the active model's vectors in, if any. */
    private Optional<Whitening> searchWhitening(FeatureMapModel active) {
        if (!indexes.isReady()) {
            return Optional.empty();
        }
        SearchSpace space = indexes.space();
        return space.modelId().equals(model.id())
                ? space.whitening().filter(w -> w.inputDimension() == active.dimension()) : Optional.empty();
    }

    private byte[] toJson(HeatmapView view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mediaType(View view) {
        return view == View.JSON ? "application/json" : "image/png";
    }

    private static String[] append(String[] parts, String last) {
        String[] all = java.util.Arrays.copyOf(parts, parts.length + 1);
        all[parts.length] = last;
        return all;
    }

    /** Scales an image down so that its longer side is at most {@code maxSide}; smaller images are kept as they are. */
    static BufferedImage fit(BufferedImage image, int maxSide) {
        int longer = Math.max(image.getWidth(), image.getHeight());
        if (longer <= maxSide) {
            return image;
        }
        double scale = (double) maxSide / longer;
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(name + " must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", not '" + value + "'");
        }
    }
}
