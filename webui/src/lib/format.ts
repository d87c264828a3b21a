const priceFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatPrice(price: number | null | undefined): string {
  return price == null ? '' : priceFormat.format(price);
}

export function formatScore(score: number): string {
  return score.toFixed(3);
}

export function formatCount(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? '–' : n.toLocaleString();
}

export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio == null || !Number.isFinite(ratio)) return '–';
  return `${(ratio * 100).toFixed(digits)} %`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms == null) return '–';
  return ms < 100 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function formatDuration(fromIso: string | null | undefined, toIso: string | null | undefined): string {
  if (!fromIso) return '–';
  const end = toIso ? new Date(toIso).getTime() : Date.now();
  const seconds = Math.max(0, Math.round((end - new Date(fromIso).getTime()) / 1000));
  if (Number.isNaN(seconds)) return '–';
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
