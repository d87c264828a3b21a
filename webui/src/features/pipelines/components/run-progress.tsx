import { ProgressBar } from '../../../components/progress-bar';
import { describeError } from '../../../lib/api-client';
import { PipelineRun } from '../api/pipelines-api';
import { usePipelineRun } from '../hooks/use-pipeline-run';
import { RunStatusBadge } from './run-status-badge';

/** Live progress of one run, e.g. right under the zip import form. */
export function RunProgress({ runId, onDone }: { runId: string; onDone?: (run: PipelineRun) => void }) {
  const { run, error } = usePipelineRun(runId, onDone);
  return (
    <div className="run-progress" data-testid="run-progress" data-run-id={runId}>
      <div className="row">
        <span>Run {runId}</span>
        {run && <RunStatusBadge status={run.status} />}
      </div>
      <ProgressBar value={run?.progress} label={`Run ${runId} progress`} tone={run?.status ?? 'queued'} />
      {run?.message && <p className="muted">{run.message}</p>}
      {error != null && <p className="error">{describeError(error)}</p>}
    </div>
  );
}
