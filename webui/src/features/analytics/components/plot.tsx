// The minified dist bundle plus the factory keeps npm from pulling in the full plotly.js sources (PLATFORM.md).
import Plotly from 'plotly.js-dist-min';
import createPlotlyComponent from 'react-plotly.js/factory';

export const Plot = createPlotlyComponent(Plotly);

export const PLOT_CONFIG = {
  displaylogo: false,
  responsive: true,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'toImage'],
};

export const PLOT_FONT = { family: 'system-ui, sans-serif', size: 12, color: '#3b4450' };
