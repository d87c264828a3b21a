import { ProjectionPlot } from './projection-plot';
import { SearchMetricsPanel } from './search-metrics-panel';
import '../analytics.css';

/** Lazy-loaded (React.lazy in routes.tsx): Plotly stays out of the main bundle. */
export default function AnalyticsPage() {
  return (
    <section aria-labelledby="analytics-title" className="analytics-page">
      <div className="page-head">
        <h1 id="analytics-title">Analytics</h1>
      </div>
      <ProjectionPlot />
      <SearchMetricsPanel />
    </section>
  );
}
