package dev.visualsearch.explain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "app.explain")
public interface ExplainConfig {

    /** Most bytes the explanation cache under {@code explanations/} may hold; the least recently used go first. */
    @WithDefault("268435456")
    long cacheMaxBytes();

    /** Heatmap opacity over the image in the overlay view, 0 (image only) to 1 (heatmap only). */
    @WithDefault("0.5")
    float overlayOpacity();

    /** Longest side of rendered PNGs; larger images are scaled down first so that a huge upload stays cheap. */
    @WithDefault("1024")
    int maxRenderSide();

    /** Cells per side of the occlusion method's grid; it costs (grid-1)^2 + 1 forward passes. */
    @WithDefault("8")
    int occlusionGrid();

    /** Activation maps Score-CAM scores (those varying most); it costs this many + 2 forward passes. */
    @WithDefault("32")
    int scorecamChannels();
}
