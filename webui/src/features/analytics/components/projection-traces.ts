import { ProjectionPoint } from '../api/analytics-api';

export type ColorBy = 'cluster' | 'category';

export interface ProjectionTrace {
  name: string;
  x: number[];
  y: number[];
  customdata: number[];
  color: string;
}

/** Evenly spread, calm hues; enough for dozens of groups without repeating Plotly's 10-colour cycle. */
export function groupColor(index: number, count: number): string {
  const hue = Math.round((index * 360) / Math.max(1, count) + 200) % 360;
  const lightness = index % 2 === 0 ? 48 : 60;
  return `hsl(${hue} 55% ${lightness}%)`;
}

/** One trace per cluster or category (so the legend doubles as a filter); productIds ride along as customdata. */
export function buildProjectionTraces(points: ProjectionPoint[], colorBy: ColorBy): ProjectionTrace[] {
  const groups = new Map<string, ProjectionPoint[]>();
  for (const p of points) {
    const key = colorBy === 'cluster' ? (p.clusterId == null ? 'Unclustered' : `Cluster ${p.clusterId}`) : p.category || 'Uncategorised';
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(p);
  }
  const names = [...groups.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return names.map((name, i) => {
    const list = groups.get(name)!;
    return {
      name,
      x: list.map((p) => p.x),
      y: list.map((p) => p.y),
      customdata: list.map((p) => p.productId),
      color: groupColor(i, names.length),
    };
  });
}
