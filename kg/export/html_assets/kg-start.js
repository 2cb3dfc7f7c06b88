/* The kg graph page, the start: draw the board and timeline, then hand the graph its data. */
(function (kg) {
  "use strict";

  var { applyFilters, data, drawBoard, drawTimeline, edges, markReady, network, nodes, showView } = kg;

  /* ---- start: draw the board and timeline, then hand the graph its data ---- */
  window.kgViews = { current: "graph", board: { rows: 0, cells: 0 }, timeline: { marks: [] }, focus: 0 };
  drawBoard();
  showView(data.opening.view);  // the pane is visible before the timeline measures it
  drawTimeline();
  applyFilters();
  window.kgTiming.viewsDrawn = performance.now();  // the board and timeline are in the DOM
  network.setData({ nodes: nodes, edges: edges });
  if (!(data.physics && nodes.length > 0)) markReady();
})(window.kgPage);
