import { getJson, sendJson } from '../../../lib/api-client';
import { JsonRequest, JsonResponse, Refine, Schemas, WithAbsent, WithNull } from '../../../lib/api/types';

// The schema types `job` and `status` as strings (Java String fields); these are the values the server uses.
export type PipelineJob = 'embed' | 'text' | 'index' | 'cluster' | 'project' | 'adapt' | 'all';
export const PIPELINE_JOBS: PipelineJob[] = ['embed', 'text', 'index', 'cluster', 'project', 'adapt', 'all'];
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/**
 * GET /api/pipeline/runs/{runId} (also each item of the list, and each `data:` of the SSE stream). `job` is a
 * PipelineJob, or e.g. `import` for zip imports; progress is 0..1; the text and times are null until they happen.
 */
export type PipelineRun = Refine<
  WithNull<JsonResponse<'/api/pipeline/runs/{runId}', 'get'>, 'message' | 'error' | 'startedAt' | 'finishedAt'>,
  { status: RunStatus }
>;

/**
 * GET /api/index/status (written without its null components). `annWritesWaiting`: changes the approximate index's
 * backend refused (down), retried on a schedule; `targetRecall`, `measuredRecall`, `searchDepth`: recall@10 goal of
 * the approximate index, the recall measured at its build, and the depth chosen to reach it.
 */
export type IndexStatus = WithAbsent<
  Schemas['IndexStatus'],
  | 'backend'
  | 'model'
  | 'dim'
  | 'builtAt'
  | 'exactKernel'
  | 'annTombstones'
  | 'annUnavailable'
  | 'whitening'
  | 'calibration'
  | 'annWritesWaiting'
  | 'targetRecall'
  | 'measuredRecall'
  | 'searchDepth'
  | 'searchDepthParameter'
>;

export type RunStarted = JsonResponse<'/api/pipeline/runs', 'post'>;

export function isActive(run: Pick<PipelineRun, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

/** API.md says the list route "lists recent runs"; we accept a bare array or an `{items}` page. */
export async function fetchRuns(signal?: AbortSignal): Promise<PipelineRun[]> {
  const body = await getJson<PipelineRun[] | { items: PipelineRun[] }>('/api/pipeline/runs', { signal });
  const runs = Array.isArray(body) ? body : (body.items ?? []);
  return runs.map(normalizeRun);
}

export async function fetchRun(runId: string, signal?: AbortSignal): Promise<PipelineRun> {
  return normalizeRun(await getJson<PipelineRun>(`/api/pipeline/runs/${encodeURIComponent(runId)}`, { signal }));
}

/** Admin. */
export function startRun(job: PipelineJob): Promise<RunStarted> {
  const body: JsonRequest<'/api/pipeline/runs', 'post'> = { job };
  return sendJson<RunStarted>('/api/pipeline/runs', { method: 'POST', json: body, admin: true });
}

export function fetchIndexStatus(signal?: AbortSignal): Promise<IndexStatus> {
  return getJson<IndexStatus>('/api/index/status', { signal });
}

/** Ids may come back as numbers; the UI treats them as strings. */
export function normalizeRun(run: PipelineRun): PipelineRun {
  return { ...run, id: String(run.id) };
}

/** Most recent first: active runs, then by start time. */
export function sortRuns(runs: PipelineRun[]): PipelineRun[] {
  const time = (r: PipelineRun) => (r.startedAt ? new Date(r.startedAt).getTime() : Number.MAX_SAFE_INTEGER);
  return [...runs].sort((a, b) => time(b) - time(a));
}
