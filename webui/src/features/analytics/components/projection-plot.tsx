import { useMemo, useRef, useState } from 'react';
import { paths } from '../../../lib/paths';
import { navigate } from '../../../lib/router';
import { EmptyState, ErrorState, LoadingState } from '../../../components/status-message';
import { useAsync } from '../../../lib/use-async';
import { fetchProjection, ProjectionMethod } from '../api/analytics-api';
import { HoverCard, HoverTarget } from './hover-card';
import { PLOT_CONFIG, PLOT_FONT, Plot } from './plot';
import { buildProjectionTraces, ColorBy } from './projection-traces';

const CARD_WIDTH = 180;

interface PlotlyPointEvent {
  points?: { customdata?: unknown; data?: { name?: string } }[];
  event?: MouseEvent;
}

export function ProjectionPlot() {
  const [method, setMethod] = useState<ProjectionMethod>('tsne');
  const [colorBy, setColorBy] = useState<ColorBy>('cluster');
  const [hover, setHover] = useState<HoverTarget | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const { data, error, loading, reload } = useAsync((signal) => fetchProjection(method, signal), [method]);

  const traces = useMemo(() => {
    if (!data) return [];
    const gl = data.points.length > 3000;
    return buildProjectionTraces(data.points, colorBy).map((t) => ({
      type: gl ? 'scattergl' : 'scatter',
      mode: 'markers',
      name: t.name,
      x: t.x,
      y: t.y,
      customdata: t.customdata,
      hoverinfo: 'none',
      marker: { color: t.color, size: 7, opacity: 0.85, line: { width: 0 } },
    }));
  }, [data, colorBy]);

  const onHover = (e: PlotlyPointEvent) => {
    const point = e.points?.[0];
    const box = container.current?.getBoundingClientRect();
    if (!point || !box || !e.event) return;
    const left = e.event.clientX - box.left + 14;
    setHover({
      productId: Number(point.customdata),
      group: point.data?.name ?? '',
      left: left + CARD_WIDTH > box.width ? left - CARD_WIDTH - 28 : left,
      top: Math.max(0, e.event.clientY - box.top - 20),
    });
  };

  const onClick = (e: PlotlyPointEvent) => {
    const id = e.points?.[0]?.customdata;
    if (id != null) navigate(paths.product(String(id)));
  };

  return (
    <section className="panel" aria-labelledby="projection-title">
      <div className="panel-head">
        <h2 id="projection-title">Catalogue map</h2>
        <div className="row">
          <Toggle label="Projection" value={method} options={[['tsne', 't-SNE'], ['pca', 'PCA']]} onChange={setMethod} testId="projection-method" />
          <Toggle label="Colour by" value={colorBy} options={[['cluster', 'Cluster'], ['category', 'Category']]} onChange={setColorBy} testId="projection-color" />
        </div>
      </div>
      {data && <p className="muted">{data.points.length.toLocaleString()} products · {data.model} · hover for a preview, click to open</p>}
      <div className="projection" ref={container} data-testid="projection-plot" onMouseLeave={() => setHover(null)}>
        {loading && !data && <LoadingState label="Loading the projection…" />}
        {error != null && <ErrorState title="Couldn't load the projection" error={error} onRetry={reload} />}
        {data && data.points.length === 0 && <EmptyState title="No projection yet">Run the “project” job on the Pipelines page.</EmptyState>}
        {data && data.points.length > 0 && (
          <Plot
            data={traces}
            layout={{
              autosize: true,
              height: 540,
              margin: { l: 24, r: 8, t: 8, b: 24 },
              hovermode: 'closest',
              font: PLOT_FONT,
              paper_bgcolor: 'rgba(0,0,0,0)',
              plot_bgcolor: '#fbfbfc',
              xaxis: { showticklabels: false, zeroline: false, showgrid: false },
              yaxis: { showticklabels: false, zeroline: false, showgrid: false },
              legend: { orientation: 'h', y: -0.04 },
            }}
            config={PLOT_CONFIG}
            useResizeHandler
            style={{ width: '100%' }}
            onHover={onHover}
            onUnhover={() => setHover(null)}
            onClick={onClick}
          />
        )}
        {hover && <HoverCard target={hover} />}
      </div>
    </section>
  );
}

function Toggle<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: [T, string][];
  onChange: (v: T) => void;
  testId: string;
}) {
  return (
    <div className="segmented" role="group" aria-label={label} data-testid={testId}>
      {options.map(([v, text]) => (
        <button key={v} type="button" aria-pressed={v === value} onClick={() => onChange(v)}>
          {text}
        </button>
      ))}
    </div>
  );
}
