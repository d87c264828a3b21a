import { useState } from 'react';
import { ExampleStrategy, Verdict } from '../api/search-api';
import { refine, runSearch } from '../hooks/search-store';

/** "More like 👍, less like 👎": searches again from the marked results (POST /api/search/examples). */
export function RefineBar({ verdicts, refined, busy }: { verdicts: Record<number, Verdict>; refined: boolean; busy: boolean }) {
  const [strategy, setStrategy] = useState<ExampleStrategy>('average');
  const marks = Object.values(verdicts);
  const good = marks.filter((v) => v === 'good').length;
  const bad = marks.length - good;
  if (marks.length === 0 && !refined) {
    return (
      <p className="refine-hint" data-testid="refine-hint">
        Mark results 👍 or 👎, then search again for more like the good ones.
      </p>
    );
  }
  return (
    <div className="refine-bar" role="group" aria-label="Refine with your marks" data-testid="refine-bar">
      <span data-testid="refine-counts">
        {good} good, {bad} not a match
      </span>
      <label>
        Strategy{' '}
        <select value={strategy} onChange={(e) => setStrategy(e.target.value as ExampleStrategy)} data-testid="refine-strategy">
          <option value="average">average of the good ones</option>
          <option value="best">nearest good one</option>
        </select>
      </label>
      <button
        type="button"
        className="button button-small"
        disabled={busy || marks.length === 0}
        onClick={() => void refine(strategy)}
        data-testid="refine-button"
      >
        More like 👍, less like 👎
      </button>
      {refined && (
        <button type="button" className="button button-small button-quiet" disabled={busy} onClick={() => void runSearch()}>
          Back to the plain search
        </button>
      )}
    </div>
  );
}
