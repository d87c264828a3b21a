import { useState } from 'react';
import { fetchProductCached, productImageUrl } from '../../../lib/api/products';
import { formatScore } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { Link, useParams, useSearchParams } from '../../../lib/router';
import { useAsync } from '../../../lib/use-async';
import { CAM_METHODS, CamMethod, ExplainTarget, SearchOrigin } from '../api/explain-api';
import { ExplainControls } from './explain-controls';
import { ExplainPanel } from './explain-panel';
import '../explain.css';

function ProductCaption({ id, prefix }: { id: string; prefix: string }) {
  const { data } = useAsync(() => fetchProductCached(id), [id]);
  return (
    <span>
      {prefix} <Link to={paths.product(id)}>{data?.title ?? `product ${id}`}</Link>
      {data && <span className="muted"> · {data.category}</span>}
    </span>
  );
}

/**
 * Route `/explain/:queryId/:productId` (a search result) or `/explain/product/:a/:b` (product to product).
 * `searchOrigin` looks up the search that led here, when this tab ran it (composed in app/routes.tsx).
 */
export function ExplainPage({
  kind,
  searchOrigin,
}: {
  kind: ExplainTarget['kind'];
  searchOrigin: (target: ExplainTarget, resultId: string) => SearchOrigin | null;
}) {
  const params = useParams();
  const [query, setQuery] = useSearchParams();
  const method: CamMethod = CAM_METHODS.includes(query.get('method') as CamMethod) ? (query.get('method') as CamMethod) : 'gradcam';
  const [opacity, setOpacity] = useState(0.6);

  const target: ExplainTarget =
    kind === 'search'
      ? { kind, queryId: params.queryId, productId: params.productId }
      : { kind, a: params.a, b: params.b };
  const resultId = target.kind === 'search' ? target.productId : target.b;

  // The search that led here (if this tab ran it) knows the original query image and the match's score.
  const origin = searchOrigin(target, resultId);
  const sameSearch = origin != null;
  const match = origin?.match;
  const querySrc = target.kind === 'products' ? productImageUrl(target.a) : (origin?.queryImage ?? null);

  return (
    <section aria-labelledby="explain-title" className="explain-page">
      <p className="eyebrow">
        {sameSearch ? <Link to={paths.search()}>← Back to results</Link> : <Link to={paths.product(resultId)}>← View the matched product</Link>}
      </p>
      <div className="page-head">
        <h1 id="explain-title">Why this match?</h1>
        {match && (
          <span className="muted" data-testid="explain-match">
            rank #{match.rank} · score {formatScore(match.score)}
          </span>
        )}
      </div>
      <ExplainControls method={method} onMethod={(m) => setQuery({ method: m === 'gradcam' ? null : m })} opacity={opacity} onOpacity={setOpacity} />
      <div className="explain-pair">
        <ExplainPanel
          side="query"
          target={target}
          method={method}
          opacity={opacity}
          originalSrc={querySrc}
          caption={target.kind === 'products' ? <ProductCaption id={target.a} prefix="Query:" /> : <span>Your query image</span>}
        />
        <ExplainPanel
          side="result"
          target={target}
          method={method}
          opacity={opacity}
          originalSrc={productImageUrl(resultId)}
          caption={<ProductCaption id={resultId} prefix="Match:" />}
        />
      </div>
      <p className="muted explain-note">
        Warm colours mark the regions that pulled the two embeddings together. Slide the opacity to compare with the
        original image.
      </p>
    </section>
  );
}
