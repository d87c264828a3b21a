import { ReactNode } from 'react';
import { describeError } from '../../../lib/api-client';
import { CamMethod, ExplainSide, ExplainTarget, explainUrl } from '../api/explain-api';
import { useExplainImage } from '../hooks/use-explain-image';

/**
 * One side of an explanation: the original image with the Grad-CAM layer on top, blended by CSS opacity.
 * The layer is the pure heatmap PNG (view=heatmap) when the server offers one, else the overlay PNG.
 */
export function ExplainPanel({
  side,
  target,
  method,
  opacity,
  originalSrc,
  caption,
}: {
  side: ExplainSide;
  target: ExplainTarget;
  method: CamMethod;
  opacity: number;
  originalSrc: string | null;
  caption: ReactNode;
}) {
  const overlay = useExplainImage(explainUrl(target, 'overlay', method, side));
  const heatmap = useExplainImage(explainUrl(target, 'heatmap', method, side));
  const layer = heatmap.src ?? (heatmap.loading ? null : overlay.src);
  const base = originalSrc ?? overlay.src;
  const cache = overlay.cache ?? heatmap.cache;
  const loading = overlay.loading || (heatmap.loading && !overlay.src);

  return (
    <figure className="explain-panel" data-testid={`explain-panel-${side}`}>
      <div className="explain-stage" aria-busy={loading}>
        {base && <img className="explain-base" src={base} alt={`${side === 'query' ? 'Query' : 'Result'} image`} />}
        {layer && (
          <img
            className="explain-layer"
            src={layer}
            alt={`${method} heatmap for the ${side}`}
            style={{ opacity }}
            data-testid={`explain-overlay-${side}`}
          />
        )}
        {loading && <span className="explain-loading spinner" role="status" aria-label="Computing the explanation" />}
        {!loading && overlay.error != null && !layer && (
          <p className="explain-error" role="alert">
            {describeError(overlay.error)}
          </p>
        )}
      </div>
      <figcaption>
        {caption}
        {cache && (
          <span className={`badge badge-cache-${cache}`} data-testid={`explain-cache-${side}`} title="X-Cache header">
            cache {cache}
          </span>
        )}
        {!originalSrc && overlay.src && (
          <small className="muted">The original query image stays in the tab that ran the search; showing the overlay.</small>
        )}
      </figcaption>
    </figure>
  );
}
