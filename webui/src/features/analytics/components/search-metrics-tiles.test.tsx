import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

vi.mock('./plot', () => ({ Plot: () => null, PLOT_CONFIG: {}, PLOT_FONT: {} }));

import { Tiles } from './search-metrics-panel';

const METRICS = {
  totalSearches: 40,
  zeroResultRate: 0,
  latencyMs: { p50: 80, p95: 120, p99: 200 },
  embedCacheHitRate: 0.25,
  queueP95Ms: 3,
  byDay: [],
  topCategories: [],
  byMode: [],
};

describe('search metric tiles', () => {
  it('show the share of searches with feedback and the precision the verdicts give', () => {
    render(<Tiles metrics={{ ...METRICS, feedback: { searchesWithFeedback: 10, share: 0.25, good: 6, bad: 2, k: 10, precisionAtK: 0.75 } }} />);
    const tiles = screen.getByTestId('search-metrics-tiles');
    expect(tiles.textContent).toContain('Searches with feedback25');
    expect(tiles.textContent).toContain('Precision@10 from feedback75');
  });

  it('say no precision when nothing was judged', () => {
    render(<Tiles metrics={{ ...METRICS, feedback: { searchesWithFeedback: 0, share: 0, good: 0, bad: 0, k: 10, precisionAtK: 0 } }} />);
    expect(screen.getByTestId('search-metrics-tiles').textContent).toContain('Precision@10 from feedback–');
  });
});
