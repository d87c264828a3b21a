import { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../../../components/status-message';
import { formatCount, formatMs, formatPercent } from '../../../lib/format';
import { useAsync } from '../../../lib/use-async';
import { fetchSearchMetrics, SearchMetrics } from '../api/analytics-api';
import { PLOT_CONFIG, PLOT_FONT, Plot } from './plot';

const ACCENT = '#3f6f8f';
const ACCENT_2 = '#c9773b';

function baseLayout(extra: object = {}) {
  return {
    autosize: true,
    height: 260,
    margin: { l: 48, r: 48, t: 8, b: 40 },
    font: PLOT_FONT,
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    showlegend: false,
    ...extra,
  };
}

function ChartCard({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  return (
    <div className="chart-card">
      <h3>{title}</h3>
      {empty ? <EmptyState title="No data yet" /> : children}
    </div>
  );
}

export function Tiles({ metrics }: { metrics: SearchMetrics }) {
  const tiles: [string, string][] = [
    ['Searches', formatCount(metrics.totalSearches)],
    ['Zero-result rate', formatPercent(metrics.zeroResultRate)],
    ['Latency p50', formatMs(metrics.latencyMs?.p50)],
    ['Latency p95', formatMs(metrics.latencyMs?.p95)],
    ['Latency p99', formatMs(metrics.latencyMs?.p99)],
    ['Query-vector cache hits', formatPercent(metrics.embedCacheHitRate ?? 0)],
    ['Model queue p95', formatMs(metrics.queueP95Ms)],
  ];
  if (metrics.feedback) {
    const f = metrics.feedback;
    tiles.push(['Searches with feedback', formatPercent(f.share)]);
    tiles.push([`Precision@${f.k} from feedback`, f.good + f.bad > 0 ? formatPercent(f.precisionAtK) : '–']);
  }
  return (
    <dl className="tiles" data-testid="search-metrics-tiles">
      {tiles.map(([label, value]) => (
        <div key={label} className="tile">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SearchMetricsPanel() {
  const { data, error, loading, reload } = useAsync((signal) => fetchSearchMetrics(signal), []);
  const byDay = data?.byDay ?? [];
  const categories = [...(data?.topCategories ?? [])].sort((a, b) => a.count - b.count);
  const modes = data?.byMode ?? [];

  return (
    <section className="panel" aria-labelledby="metrics-title" data-testid="search-metrics">
      <div className="panel-head">
        <h2 id="metrics-title">Search metrics</h2>
      </div>
      {loading && !data && <LoadingState label="Loading search metrics…" />}
      {error != null && <ErrorState title="Couldn't load search metrics" error={error} onRetry={reload} />}
      {data && (
        <>
          <Tiles metrics={data} />
          <div className="charts">
            <ChartCard title="Searches per day (bars) and median latency (line)" empty={byDay.length === 0}>
              <Plot
                data={[
                  { type: 'bar', x: byDay.map((d) => d.day), y: byDay.map((d) => d.count), name: 'Searches', marker: { color: ACCENT } },
                  {
                    type: 'scatter',
                    mode: 'lines+markers',
                    x: byDay.map((d) => d.day),
                    y: byDay.map((d) => d.p50Ms),
                    name: 'p50 ms',
                    yaxis: 'y2',
                    line: { color: ACCENT_2 },
                  },
                ]}
                layout={baseLayout({
                  yaxis: { title: { text: 'searches' }, rangemode: 'tozero' },
                  yaxis2: { title: { text: 'p50 ms' }, overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false },
                })}
                config={PLOT_CONFIG}
                useResizeHandler
                style={{ width: '100%' }}
              />
            </ChartCard>
            <ChartCard title="Top categories" empty={categories.length === 0}>
              <Plot
                data={[{ type: 'bar', orientation: 'h', y: categories.map((c) => c.category), x: categories.map((c) => c.count), marker: { color: ACCENT } }]}
                layout={baseLayout({ margin: { l: 110, r: 16, t: 8, b: 32 }, height: Math.max(220, categories.length * 24 + 60) })}
                config={PLOT_CONFIG}
                useResizeHandler
                style={{ width: '100%' }}
              />
            </ChartCard>
            <ChartCard title="Searches by mode" empty={modes.length === 0}>
              <Plot
                data={[{ type: 'bar', x: modes.map((m) => m.mode), y: modes.map((m) => m.count), marker: { color: ACCENT_2 } }]}
                layout={baseLayout({ margin: { l: 48, r: 16, t: 8, b: 32 } })}
                config={PLOT_CONFIG}
                useResizeHandler
                style={{ width: '100%' }}
              />
            </ChartCard>
          </div>
        </>
      )}
    </section>
  );
}
