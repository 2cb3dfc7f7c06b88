/* The kg graph page, its frame: the header's counts, the drawer that holds the filters and the
 * legend on a narrow screen, and the parts of the legend that are not the graph's (the timeline's
 * marks, what the page leaves out of the exports). */
(function (kg) {
  "use strict";

  var { byId, classColour, data, el, svgEl } = kg;

  /* ---- the header counts what a reader came for ---- */
  var headline = byId("headline");
  [["contested", "contested", "contested"], ["questions", "open question", "open questions"],
   ["parties", "party", "parties"]].forEach(function (part, i) {
    var count = data.headline[part[0]];
    var span = el("span", null, part[0]);
    span.dataset.count = String(count);
    if (i) headline.append(" \u00b7 ");
    span.append(el("strong", String(count)), " " + (count === 1 ? part[1] : part[2]));
    headline.append(span);
  });

  /* ---- on a narrow screen, the filters, legend and unresolved items are a drawer ---- */
  var narrow = window.matchMedia("(max-width: 760px)");
  var toggle = byId("drawer-toggle");
  function openDrawer(open) {
    document.body.classList.toggle("drawer-open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  toggle.addEventListener("click", function () { openDrawer(!document.body.classList.contains("drawer-open")); });
  byId("drawer-close").addEventListener("click", function () { openDrawer(false); });
  // Choosing an unresolved item in the drawer shows it, so the drawer closes.
  byId("unresolved").addEventListener("click", function () { if (narrow.matches) openDrawer(false); });
  function placeLegend() {
    var legend = byId("legend");
    if (narrow.matches) byId("side").insertBefore(legend, byId("unresolved-panel"));
    else byId("right").append(legend);
    if (!narrow.matches) openDrawer(false);
  }
  // On a narrow screen what a click shows is a sheet over the view: opened by a click that shows
  // something (a mark, a node, an item), closed by its button.
  function openInfo(open) { document.body.classList.toggle("info-open", open); }
  byId("info-close").addEventListener("click", function () { openInfo(false); });
  ["board", "timeline", "graph", "unresolved"].forEach(function (id) {
    var before = null;
    byId(id).addEventListener("pointerdown", function () { before = kg.pinned; }, true);
    byId(id).addEventListener("click", function () {
      // vis-network reports its click after the DOM's: look once both have run
      setTimeout(function () { if (narrow.matches && kg.pinned && kg.pinned !== before) openInfo(true); }, 50);
    });
  });
  narrow.addEventListener("change", placeLegend);
  placeLegend();
  // The timeline is drawn to the stage's width: drawn again when that changes (a phone turned).
  var drawnWidth = byId("stage").clientWidth;
  window.addEventListener("resize", function () {
    var width = byId("stage").clientWidth;
    if (width !== drawnWidth) { drawnWidth = width; kg.drawTimeline(); }
  });

  /* ---- the timeline's legend: its lanes' colours and what each shape says ---- */
  function legendRow(parent, icon, text) {
    var row = el("div", null, "legend-row");
    row.append(icon, el("span", text));
    parent.append(row);
  }
  function icon(parts) {
    var svg = svgEl("svg", { width: 34, height: 16, viewBox: "0 0 34 16", "aria-hidden": "true" });
    parts.forEach(function (p) { svg.append(svgEl(p[0], p[1])); });
    return svg;
  }
  var laneClass = { incident: "incident", meeting: "meeting", source: "source" };
  var laneTitles = { incident: "Incidents", meeting: "Meetings", source: "Sources and statements", other: "Other" };
  data.timeline.lanes.forEach(function (lane) {
    legendRow(byId("legend-lanes"), icon([["rect", { x: 2, y: 3, width: 30, height: 10, rx: 5, fill: laneClass[lane] ?
      classColour(laneClass[lane]) : "#bab0ac", stroke: "#444444" }]]), laneTitles[lane]);
  });
  var grey = "#8c959f";
  [[[["circle", { cx: 17, cy: 8, r: 6, fill: grey, stroke: "#444444" }]], "a day"],
   [[["rect", { x: 2, y: 2, width: 30, height: 12, rx: 6, fill: grey, stroke: "#444444" }]], "a month, a year or both bounds"],
   [[["rect", { x: 2, y: 2, width: 24, height: 12, rx: 6, fill: grey, "fill-opacity": 0.45, stroke: "#444444" }],
     ["polygon", { points: "26,1 33,8 26,15", fill: grey }]], "no end given (or no start)"],
   [[["line", { x1: 2, y1: 8, x2: 32, y2: 8, stroke: "#cf222e", "stroke-width": 2, "stroke-dasharray": "3 3" }]],
    "one item, two dates"],
   [[["rect", { x: 2, y: 2, width: 30, height: 12, rx: 6, fill: "#ffffff", stroke: grey, "stroke-width": 2,
                "stroke-dasharray": "4 3" }]], "a draft pending review"],
  ].forEach(function (row) { legendRow(byId("legend-marks"), icon(row[0]), row[1]); });

  /* ---- what the exports hold that the page does not draw ---- */
  var record = data.record;
  if (record) {
    var note = byId("legend-record");
    var left = function (rows) {
      return rows.map(function (r) { return r[1] + " " + r[0]; }).join(", ");
    };
    var text = "Drawn: " + data.nodes.length + " nodes and " + data.edges.length + " edges. The exports (GraphML, GEXF, CSV) hold " +
      record.nodes + " nodes and " + record.edges + " edges.";
    if (record.left_out_nodes.length) text += " Left out as nodes: " + left(record.left_out_nodes) + " (each drawn as an edge between its pair).";
    if (record.left_out_edges.length) text += " Left out as edges: " + left(record.left_out_edges) +
      " (where a statement was read or quoted is in each item's panel; an identity judgement's links are its one edge).";
    if (record.added_edges.length) text += " Drawn only here: " + left(record.added_edges) + " edges.";
    note.textContent = text;
  }
})(window.kgPage);
