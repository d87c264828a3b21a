import { describe, expect, it } from 'vitest';
import { ProjectionPoint } from '../api/analytics-api';
import { buildProjectionTraces } from './projection-traces';

const points: ProjectionPoint[] = [
  { productId: 1, x: 0, y: 1, clusterId: 10, category: 'toys' },
  { productId: 2, x: 2, y: 3, clusterId: 2, category: 'kitchen' },
  { productId: 3, x: 4, y: 5, clusterId: 10, category: 'kitchen' },
  { productId: 4, x: 6, y: 7, clusterId: null, category: 'toys' },
];

describe('buildProjectionTraces', () => {
  it('groups by cluster in natural order and carries product ids as customdata', () => {
    const traces = buildProjectionTraces(points, 'cluster');
    expect(traces.map((t) => t.name)).toEqual(['Cluster 2', 'Cluster 10', 'Unclustered']);
    const ten = traces[1];
    expect(ten.customdata).toEqual([1, 3]);
    expect(ten.x).toEqual([0, 4]);
    expect(ten.y).toEqual([1, 5]);
    expect(new Set(traces.map((t) => t.color)).size).toBe(3);
  });

  it('groups by category when toggled', () => {
    const traces = buildProjectionTraces(points, 'category');
    expect(traces.map((t) => [t.name, t.customdata])).toEqual([
      ['kitchen', [2, 3]],
      ['toys', [1, 4]],
    ]);
  });
});
