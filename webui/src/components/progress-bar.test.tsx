import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar';

describe('ProgressBar', () => {
  it('turns progress 0..1 into a percentage for assistive tech and the fill width', () => {
    render(<ProgressBar value={0.42} label="embed progress" />);
    const bar = screen.getByRole('progressbar', { name: 'embed progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(bar.textContent).toBe('42%');
    expect((bar.querySelector('.progress-fill') as HTMLElement).style.width).toBe('42%');
  });

  it('clamps values outside 0..1', () => {
    const { rerender } = render(<ProgressBar value={1.7} label="p" />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    rerender(<ProgressBar value={-0.3} label="p" />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
  });

  it('is indeterminate without a value', () => {
    render(<ProgressBar value={null} label="p" tone="queued" />);
    const bar = screen.getByRole('progressbar');
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar.className).toContain('progress-indeterminate');
  });
});
