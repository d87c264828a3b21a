// plotly.js-dist-min ships no types; react-plotly.js/factory only needs an opaque Plotly object.
declare module 'plotly.js-dist-min' {
  const Plotly: object;
  export default Plotly;
}
