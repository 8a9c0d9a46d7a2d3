// cytoscape-fcose ships no types: it is a Cytoscape extension to pass to cytoscape.use().
declare module 'cytoscape-fcose' {
  import type { Ext } from 'cytoscape';
  const fcose: Ext;
  export default fcose;
}
