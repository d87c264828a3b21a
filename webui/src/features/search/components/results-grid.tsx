import { SearchResult, Verdict } from '../api/search-api';
import { ResultCard } from './result-card';

export function ResultsGrid({
  results,
  explainHref,
  label = 'Search results',
  verdicts,
  onJudge,
}: {
  results: SearchResult[];
  /** Undefined for a result with nothing to explain. */
  explainHref: (result: SearchResult) => string | undefined;
  label?: string;
  verdicts?: Record<number, Verdict>;
  onJudge?: (productId: number, verdict: Verdict) => void;
}) {
  const ordered = [...results].sort((a, b) => a.rank - b.rank);
  return (
    <ul className="grid grid-results" aria-label={label} data-testid="results-grid">
      {ordered.map((r) => (
        <ResultCard key={r.productId} result={r} explainHref={explainHref(r)} verdict={verdicts?.[r.productId]} onJudge={onJudge} />
      ))}
    </ul>
  );
}
