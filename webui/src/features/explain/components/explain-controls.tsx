import { CAM_METHODS, CamMethod } from '../api/explain-api';

const METHOD_LABELS: Record<CamMethod, string> = {
  gradcam: 'Grad-CAM',
  simmap: 'Similarity map',
  scorecam: 'Score-CAM',
  occlusion: 'Occlusion',
};

export function ExplainControls({
  method,
  onMethod,
  opacity,
  onOpacity,
}: {
  method: CamMethod;
  onMethod: (m: CamMethod) => void;
  opacity: number;
  onOpacity: (o: number) => void;
}) {
  return (
    <div className="explain-controls">
      <fieldset className="segmented" data-testid="explain-method-switch">
        <legend>Method</legend>
        {CAM_METHODS.map((m) => (
          <label key={m} className={m === method ? 'is-checked' : undefined}>
            <input
              type="radio"
              name="cam-method"
              value={m}
              checked={m === method}
              onChange={() => onMethod(m)}
              data-testid={`explain-method-${m}`}
            />
            {METHOD_LABELS[m]}
          </label>
        ))}
      </fieldset>
      <label className="field slider">
        <span>Heatmap opacity: {Math.round(opacity * 100)}%</span>
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={opacity}
          onChange={(e) => onOpacity(Number(e.target.value))}
          data-testid="explain-opacity-slider"
        />
      </label>
    </div>
  );
}
