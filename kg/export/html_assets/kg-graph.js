/* The kg graph page, the graph view: vis-network, what hovering and clicking show, focus, highlight and the legend. */
(function (kg) {
  "use strict";

  var { DIM_EDGE, DIM_FONT, DIM_NODE, applyFilters, applyState, byId, cut, data, edges, el, hidden, nodes,
        readHash, showEdge, showItem, showNode, showPinned, showView, svgEl, table, writeHash } = kg;

  /* ---- the network: handlers first, then data, so no event is missed ---- */
  var container = byId("graph");
  var network = new vis.Network(container, { nodes: [], edges: [] }, data.options);
  window.kgNetwork = network;
  var status = byId("status");

  // Labels are drawn at least this many pixels high at the opening zoom: a graph that fits the
  // pane only with smaller labels opens zoomed in on its centre instead (scroll or pinch to see more).
  var MIN_LABEL_PX = 11;
  function readableZoom() {
    var size = (data.options.nodes.font || {}).size || 14;
    if (nodes.length && network.getScale() * size < MIN_LABEL_PX) {
      network.moveTo({ scale: MIN_LABEL_PX / size });
    }
  }
  kg.graphStill = false;
  function markReady() {
    // After vis-network's own end-of-layout fit, so the opening focus is the last word.
    setTimeout(function () {
      kg.graphStill = true;
      var state = readHash() || data.opening;
      network.fit();
      applyState(state, false);
      if (!kg.focusSet) readableZoom();
      network.once("afterDrawing", function () {
        window.kgTiming.ready = performance.now();
        window.kgReady = true;
        status.textContent = "";  // the header counts what matters; the node and edge counts are in the legend
      });
      network.redraw();
    }, 0);
  }
  network.once("afterDrawing", function () { window.kgTiming.firstDraw = performance.now(); });
  network.on("stabilizationProgress", function (p) {
    status.textContent = "laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  if (data.physics && nodes.length > 0) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      markReady();
    });
  }

  network.on("hoverNode", function (p) { showNode(p.node); });
  network.on("blurNode", showPinned);
  network.on("hoverEdge", function (p) { showEdge(p.edge); });
  network.on("blurEdge", showPinned);
  network.on("click", function (p) {
    if (p.nodes.length) { kg.pinned = { type: "node", id: p.nodes[0] }; showNode(p.nodes[0]); }
    else if (p.edges.length) { kg.pinned = { type: "edge", id: p.edges[0] }; showEdge(p.edges[0]); }
  });

  function focusNode(id) {
    if (!nodes.get(id)) return;
    if (kg.focusSet && !kg.focusSet[id]) setFocus(null);
    showView("graph");
    network.selectNodes([id], false);
    network.focus(id, { scale: Math.max(network.getScale(), 1),
                        animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    kg.pinned = { type: "node", id: id };
    showNode(id);
  }

  /* ---- unresolved panel ---- */
  var clearButton = byId("clear-highlight");
  var dimmed = false;
  kg.activeItem = null;
  function clearHighlight() {
    if (dimmed) {
      nodes.update(data.nodes.map(function (n) { return { id: n.id, color: n.color, font: n.font }; }));
      edges.update(data.edges.map(function (e) { return { id: e.id, color: e.color, font: e.font || {} }; }));
      dimmed = false;
    }
    network.unselectAll();
    kg.activeItem = null;
    Array.prototype.forEach.call(document.querySelectorAll(".unresolved-item.active"),
                                 function (b) { b.classList.remove("active"); });
    clearButton.disabled = true;
  }

  function highlight(item, button) {
    clearHighlight();
    var keepNodes = item.nodes.filter(function (id) { return nodes.get(id) !== null; });
    var keepEdges = item.edges.filter(function (id) { return edges.get(id) !== null; });
    var inNodes = table();
    var inEdges = table();
    keepNodes.forEach(function (id) { inNodes[id] = true; });
    keepEdges.forEach(function (id) { inEdges[id] = true; });
    nodes.update(data.nodes.filter(function (n) { return !inNodes[n.id]; })
      .map(function (n) { return { id: n.id, color: DIM_NODE, font: DIM_FONT }; }));
    edges.update(data.edges.filter(function (e) { return !inEdges[e.id]; })
      .map(function (e) { return { id: e.id, color: DIM_EDGE, font: DIM_FONT }; }));
    dimmed = true;
    network.setSelection({ nodes: keepNodes, edges: keepEdges }, { unselectAll: true, highlightEdges: false });
    if (keepNodes.length) {
      network.fit({ nodes: keepNodes, maxZoomLevel: 1.5, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    }
    if (button) button.classList.add("active");
    clearButton.disabled = false;
    kg.pinned = { type: "item", item: item };
    kg.activeItem = item.id;
    showItem(item);
    writeHash();
  }
  clearButton.addEventListener("click", function () { clearHighlight(); writeHash(); });

  /* ---- focus: the graph cut to some nodes and their neighbours ---- */
  kg.focusSet = null;
  var focusLabel = "";
  function setFocus(ids, label) {
    if (!ids || !ids.length) {
      kg.focusSet = null;
    } else {
      kg.focusSet = table();
      ids.forEach(function (id) {
        kg.focusSet[id] = true;
        if (nodes.get(id)) network.getConnectedNodes(id).forEach(function (near) { kg.focusSet[near] = true; });
      });
    }
    focusLabel = label || "";
    applyFilters();
    var shown = window.kgStats.visibleNodes;
    byId("focus-text").textContent = kg.focusSet ? "Showing " + shown + " of " + nodes.length +
      " nodes, around \u201c" + cut(focusLabel, 80) + "\u201d." : "";
    showView(kg.currentView);
    if (kg.focusSet) network.fit({ nodes: Object.keys(kg.focusSet).filter(function (id) { return !hidden[id]; }), maxZoomLevel: 1.5 });
    window.kgViews.focus = kg.focusSet ? Object.keys(kg.focusSet).length : 0;
  }
  byId("show-all").addEventListener("click", function () {
    setFocus(null);
    network.fit();
    readableZoom();
    writeHash();
  });

  /* ---- legend, drawn from the same styles as the graph ---- */
  function polygon(points) { return svgEl("polygon", { points: points.map(function (p) { return p.join(","); }).join(" ") }); }
  function ring(count, outer, inner, turn) {
    var points = [];
    for (var i = 0; i < count * (inner ? 2 : 1); i++) {
      var radius = inner && i % 2 ? inner : outer;
      var angle = turn + i * Math.PI * 2 / (count * (inner ? 2 : 1));
      points.push([(11 + radius * Math.cos(angle)).toFixed(1), (11 + radius * Math.sin(angle)).toFixed(1)]);
    }
    return polygon(points);
  }
  function shapeIcon(shape, colour, corners) {
    var svg = svgEl("svg", { width: 22, height: 22, viewBox: "0 0 22 22", "aria-hidden": "true" });
    var figure;
    if (shape === "square") figure = svgEl("rect", { x: 4, y: 4, width: 14, height: 14 });
    else if (shape === "box") figure = svgEl("rect", { x: 1, y: 6, width: 20, height: 10, rx: corners === "square" ? 0 : 3 });
    else if (shape === "diamond") figure = polygon([[11, 3], [19, 11], [11, 19], [3, 11]]);
    else if (shape === "triangle") figure = polygon([[11, 3], [19, 18], [3, 18]]);
    else if (shape === "triangleDown") figure = polygon([[3, 4], [19, 4], [11, 19]]);
    else if (shape === "star") figure = ring(5, 9, 4, -Math.PI / 2);
    else if (shape === "hexagon") figure = ring(6, 8, 0, 0);
    else if (shape === "ellipse") figure = svgEl("ellipse", { cx: 11, cy: 11, rx: 10, ry: 6 });
    else figure = svgEl("circle", { cx: 11, cy: 11, r: shape === "dot" ? 7 : 5 });
    figure.setAttribute("fill", colour);
    figure.setAttribute("stroke", "#444444");
    svg.append(figure);
    return svg;
  }
  function lineIcon(style) {
    var svg = svgEl("svg", { width: 58, height: 14, viewBox: "0 0 58 14", "aria-hidden": "true" });
    var line = svgEl("line", { x1: 2, y1: 7, x2: 50, y2: 7, stroke: style.color, "stroke-width": style.width });
    if (style.dashes) line.setAttribute("stroke-dasharray", style.dashes.join(" "));
    svg.append(line);
    if (style.arrow === "arrow") svg.append(svgEl("polygon", { points: "50,2 57,7 50,12", fill: style.color }));
    if (style.arrow === "bar") svg.append(svgEl("line", { x1: 53, y1: 1, x2: 53, y2: 13, stroke: style.color, "stroke-width": 3 }));
    return svg;
  }
  data.classes.forEach(function (c) {
    var row = el("div", null, "legend-row");
    row.append(shapeIcon(c.shape, c.color, c.corners), el("span", c.label));
    byId("legend-nodes").append(row);
  });
  data.edge_styles.forEach(function (s) {
    var row = el("div", null, "legend-row");
    row.append(lineIcon(s), el("span", s.legend));
    byId("legend-edges").append(row);
  });

  kg.clearHighlight = clearHighlight;
  kg.focusNode = focusNode;
  kg.highlight = highlight;
  kg.markReady = markReady;
  kg.network = network;
  kg.setFocus = setFocus;
})(window.kgPage);
