import { useRef } from 'react';
import { paths } from '../../../lib/paths';
import { Link } from '../../../lib/router';
import { useProductWhenVisible } from '../../../lib/use-product-when-visible';
import { Thumbnail } from '../../../components/thumbnail';
import { formatPrice, formatScore } from '../../../lib/format';
import { relevanceLabel, SearchResult, Verdict } from '../api/search-api';

export function ResultCard({
  result,
  explainHref,
  verdict,
  onJudge,
}: {
  result: SearchResult;
  /** Absent when there is nothing to explain (words alone): the picture opens the product instead. */
  explainHref?: string;
  verdict?: Verdict;
  /** Shows "good match" / "not this" buttons when given. */
  onJudge?: (productId: number, verdict: Verdict) => void;
}) {
  const ref = useRef<HTMLLIElement>(null);
  const hasPrice = result.price !== undefined;
  const product = useProductWhenVisible(result.productId, ref, !hasPrice);
  const price = hasPrice ? result.price : product?.price;

  return (
    <li
      ref={ref}
      className={`card result-card${verdict ? ` is-${verdict}` : ''}`}
      data-testid="result-card"
      data-product-id={result.productId}
      data-rank={result.rank}
    >
      <Link
        to={explainHref ?? paths.product(result.productId)}
        className="card-link"
        aria-label={explainHref ? `Why does ${result.title} match? (rank ${result.rank})` : `${result.title} (rank ${result.rank})`}
      >
        <span className="rank-badge" data-testid="result-rank">
          #{result.rank}
        </span>
        <Thumbnail src={result.thumbnailUrl} alt={result.title} />
      </Link>
      <span className="score-row">
        {result.relevance != null && (
          <span className="relevance" data-testid="result-relevance" title={`Relevance ${Math.round(result.relevance * 100)} %`}>
            {relevanceLabel(result.relevance)}
          </span>
        )}
        <span className="score" title="Similarity score (cosine)" data-testid="result-score">
          {formatScore(result.score)}
        </span>
        <span className="score-bar" aria-hidden="true">
          <span style={{ width: `${Math.max(0, Math.min(1, result.relevance ?? result.score)) * 100}%` }} />
        </span>
      </span>
      <Link to={paths.product(result.productId)} className="card-title" data-testid="result-title">
        {result.title}
      </Link>
      <span className="card-meta">
        <span>{result.category}</span>
        {price != null && (
          <span className="price" data-testid="result-price">
            {formatPrice(price)}
          </span>
        )}
      </span>
      <span className="card-actions">
        {explainHref && (
          <Link to={explainHref} className="explain-link">
            Explain match →
          </Link>
        )}
        {onJudge && (
          <span className="verdict-buttons" role="group" aria-label={`Is ${result.title} a good match?`}>
            <button
              type="button"
              className="verdict-button"
              aria-pressed={verdict === 'good'}
              aria-label={`Good match: more like ${result.title}`}
              title="Good match: more like this"
              data-testid="verdict-good"
              onClick={() => onJudge(result.productId, 'good')}
            >
              👍
            </button>
            <button
              type="button"
              className="verdict-button"
              aria-pressed={verdict === 'bad'}
              aria-label={`Not a match: less like ${result.title}`}
              title="Not a match: less like this"
              data-testid="verdict-bad"
              onClick={() => onJudge(result.productId, 'bad')}
            >
              👎
            </button>
          </span>
        )}
      </span>
    </li>
  );
}
