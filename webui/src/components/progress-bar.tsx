export interface ProgressBarProps {
  /** Fraction done, 0..1; values outside are clamped, null/undefined shows an indeterminate bar. */
  value: number | null | undefined;
  label: string;
  tone?: 'running' | 'succeeded' | 'failed' | 'queued';
}

export function ProgressBar({ value, label, tone = 'running' }: ProgressBarProps) {
  const known = typeof value === 'number' && Number.isFinite(value);
  const percent = known ? Math.round(Math.min(1, Math.max(0, value)) * 100) : undefined;
  return (
    <div
      className={`progress progress-${tone}${known ? '' : ' progress-indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid="progress-bar"
    >
      <div className="progress-fill" style={{ width: known ? `${percent}%` : undefined }} />
      {known && <span className="progress-text">{percent}%</span>}
    </div>
  );
}
