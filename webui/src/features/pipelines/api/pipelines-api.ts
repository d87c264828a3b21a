import { getJson, sendJson } from '../../../lib/api-client';

export type PipelineJob = 'embed' | 'text' | 'index' | 'cluster' | 'project' | 'adapt' | 'all';
export const PIPELINE_JOBS: PipelineJob[] = ['embed', 'text', 'index', 'cluster', 'project', 'adapt', 'all'];
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface PipelineRun {
  id: string;
  /** A PipelineJob, or e.g. `import` for zip imports. */
  job: string;
  status: RunStatus;
  /** 0..1 */
  progress: number;
  message: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface IndexStatus {
  backend: string;
  model: string;
  dim: number;
  size: number;
  builtAt: string | null;
  stale: boolean;
  pendingEmbeddings: number;
  /** Changes the approximate index's backend refused (down); retried on a schedule. */
  annWritesWaiting?: number;
  /** Recall@10 goal of the approximate index, the recall measured at its build, and the depth chosen to reach it. */
  targetRecall?: number;
  measuredRecall?: number;
  searchDepth?: number;
  searchDepthParameter?: string;
}

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
export function startRun(job: PipelineJob): Promise<{ runId: string }> {
  return sendJson<{ runId: string }>('/api/pipeline/runs', { method: 'POST', json: { job }, admin: true });
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
