import { ProgressBar } from '../../../components/progress-bar';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { PipelineRun } from '../api/pipelines-api';
import { RunStatusBadge } from './run-status-badge';

export function RunsTable({ runs }: { runs: PipelineRun[] }) {
  return (
    <div className="table-scroll">
      <table className="runs-table" data-testid="pipeline-runs">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="pipeline-run-row" data-run-id={run.id} data-status={run.status}>
              <td>
                <strong>{run.job}</strong>
                <div className="muted mono">{run.id}</div>
              </td>
              <td>
                <RunStatusBadge status={run.status} />
              </td>
              <td className="cell-progress">
                <ProgressBar value={run.progress} label={`${run.job} progress`} tone={run.status} />
              </td>
              <td>{formatDateTime(run.startedAt)}</td>
              <td>{formatDuration(run.startedAt, run.finishedAt)}</td>
              <td className="cell-message">{run.message || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
