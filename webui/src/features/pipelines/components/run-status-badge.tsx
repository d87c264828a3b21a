import { RunStatus } from '../api/pipelines-api';

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`badge badge-${status}`} data-testid="pipeline-run-status">
      {status}
    </span>
  );
}
