import { useMemo, useState } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../../../components/status-message';
import { useAsync } from '../../../lib/use-async';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { fetchDuplicates } from '../api/duplicates-api';
import { DuplicatePairCard } from './duplicate-pair-card';
import '../duplicates.css';

/** A threshold the server accepts: a number in (0, 1]; anything else keeps the server's default. */
function parseThreshold(text: string): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 && value <= 1 ? value : undefined;
}

/** The near-duplicates report: pairs of products that look alike, best first, at an adjustable threshold. */
export function DuplicatesPage() {
  const [thresholdText, setThresholdText] = useState('');
  const threshold = parseThreshold(useDebouncedValue(thresholdText, 300));
  const invalid = thresholdText.trim() !== '' && parseThreshold(thresholdText) === undefined;
  const { data, error, loading, reload } = useAsync((signal) => fetchDuplicates(threshold, signal), [threshold]);
  const products = useMemo(() => new Map((data?.products ?? []).map((p) => [p.id, p])), [data]);

  return (
    <section aria-labelledby="duplicates-title">
      <div className="page-head">
        <h1 id="duplicates-title">Near-duplicates</h1>
        {data && (
          <span className="muted" data-testid="duplicates-summary">
            {data.total} pair{data.total === 1 ? '' : 's'} at score ≥ {data.threshold} among {data.indexed} products
          </span>
        )}
      </div>
      <form className="row duplicates-controls" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>Threshold (0–1]</span>
          <input
            type="number"
            min="0.01"
            max="1"
            step="0.01"
            placeholder={data ? String(data.threshold) : 'default'}
            value={thresholdText}
            onChange={(e) => setThresholdText(e.target.value)}
            aria-invalid={invalid}
            data-testid="duplicates-threshold"
          />
        </label>
        <p className="muted duplicates-help">
          Scores are cosines in the index&apos;s search space{data ? ` (${data.space})` : ''}; the same score “similar
          products” shows. Lower the threshold to see look-alikes, raise it for copies only.
        </p>
      </form>
      {invalid && (
        <p role="alert" className="error">
          The threshold must be a number above 0 and at most 1.
        </p>
      )}
      {data?.stale && (
        <p className="muted" data-testid="duplicates-stale">
          The catalogue changed since this report was computed; a fresh one is on its way.
        </p>
      )}
      {loading && !data && <LoadingState label="Looking for near-duplicates…" />}
      {error != null && <ErrorState title="Couldn't load the duplicates report" error={error} onRetry={reload} />}
      {data && data.pairs.length === 0 && (
        <EmptyState title="No near-duplicates">No two products score {data.threshold} or more.</EmptyState>
      )}
      {data && data.pairs.length > 0 && (
        <>
          <ul className="duplicate-pairs" aria-label="Near-duplicate pairs">
            {data.pairs.map((pair) => (
              <DuplicatePairCard key={`${pair.a}-${pair.b}`} pair={pair} products={products} />
            ))}
          </ul>
          {data.total > data.pairs.length && (
            <p className="muted">
              Showing the best {data.pairs.length} of {data.total} pairs; raise the threshold to narrow them down.
            </p>
          )}
        </>
      )}
    </section>
  );
}
