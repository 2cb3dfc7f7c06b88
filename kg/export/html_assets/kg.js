/* The kg graph page: three views of one record (a stance board, a timeline
 * and the graph drawn with vis-network), with the search box, filters,
 * legend, unresolved panel and info panel shared between them. The URL
 * fragment holds the state (view, item or node in focus, filters), so a view
 * can be shared as a link: graph.html#item=<id> opens focused on that item.
 *
 * Every string that came from a document reaches the DOM through
 * textContent (or a property such as option.value), never as HTML, and no
 * vis-network "title" is set, because vis renders those as HTML.
 *
 * For tests: window.kgReady turns true once the graph is drawn and still
 * and the opening state is applied; window.kgStats holds the DataSet sizes;
 * window.kgViews what the board and timeline show; window.kgNetwork is the
 * network.
 */
(function () {
  "use strict";

  // Long strings that repeat (a label in its node, its filters, the board...) are stored once,
  // in packed.strings, and referred to as {"$s": index}; they are put back here, before any use.
  var packed = JSON.parse(document.getElementById("kg-data").textContent);
  var revive = function (value) {
    if (Array.isArray(value)) {
      for (var i = 0; i < value.length; i++) { value[i] = revive(value[i]); }
      return value;
    }
    if (value !== null && typeof value === "object") {
      var keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === "$s") { return packed.strings[value.$s]; }
      for (var k = 0; k < keys.length; k++) { value[keys[k]] = revive(value[keys[k]]); }
    }
    return value;
  };
  var data = revive(packed.data);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var byId = function (id) { return document.getElementById(id); };
  // Maps keyed by ids and names that a link's fragment can supply: without a prototype, so
  // "#node=__proto__" (or constructor, toString) finds nothing instead of Object.prototype's members.
  function table(from) { return Object.assign(Object.create(null), from || {}); }
  var nodeInfo = table(data.node_info);
  var edgeInfo = table(data.edge_info);
  var DIM_NODE = { background: "#f0f0f0", border: "#dddddd",
                   highlight: { background: "#f0f0f0", border: "#bbbbbb" },
                   hover: { background: "#f0f0f0", border: "#bbbbbb" } };
  var DIM_EDGE = { color: "#ececec", highlight: "#ececec", hover: "#ececec", inherit: false };
  var DIM_FONT = { color: "#c8c8c8" };

  window.kgReady = false;
  window.kgTiming = {};
  window.kgStats = { nodes: nodes.length, edges: edges.length,
                     visibleNodes: nodes.length, visibleEdges: edges.length };

  /* ---- small DOM helpers: text only ---- */
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function svgEl(tag, attributes) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attributes).forEach(function (k) { node.setAttribute(k, String(attributes[k])); });
    return node;
  }
  function safeUrl(text) {
    try {
      var url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }
  function labelOf(id) { return nodeInfo[id] ? nodeInfo[id].label : id; }
  function stanceBadge(stance) {
    var badge = el("span", stance || "no stance", "stance");
    badge.style.background = data.stance_colours[stance] || "#6e7781";
    return badge;
  }
  function classColour(cls) {
    for (var i = 0; i < data.classes.length; i++) if (data.classes[i].cls === cls) return data.classes[i].color;
    return "#bab0ac";
  }

  /* ---- the network: handlers first, then data, so no event is missed ---- */
  var container = byId("graph");
  var network = new vis.Network(container, { nodes: [], edges: [] }, data.options);
  window.kgNetwork = network;
  var status = byId("status");

  function summary() {
    return nodes.length + " nodes, " + edges.length + " edges" + (data.physics ? "" : " (laid out in advance)");
  }
  var graphStill = false;
  function markReady() {
    // After vis-network's own end-of-layout fit, so the opening focus is the last word.
    setTimeout(function () {
      graphStill = true;
      applyState(readHash() || data.opening, false);
      network.once("afterDrawing", function () {
        window.kgTiming.ready = performance.now();
        window.kgReady = true;
        status.textContent = summary();
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

  /* ---- info panel ---- */
  var infoTitle = byId("info-title");
  var infoBody = byId("info-body");
  var pinned = null;

  function nodeButton(id) {
    var button = el("button", labelOf(id), "link");
    button.type = "button";
    button.addEventListener("click", function () { focusNode(id); });
    return button;
  }
  function showAssertion(a) {
    var box = el("div", null, "assertion");
    box.style.borderLeftColor = data.stance_colours[a.stance] || "#d0d7de";
    var head = el("div");
    head.append(el("strong", a.party || "unnamed party"));
    if (a.voice && a.voice !== a.party) head.append(" (for " + a.voice + ")");
    head.append(" ", stanceBadge(a.stance));
    if (a.superseded) head.append(" ", el("span", "superseded", "hint"));
    box.append(head);
    if (a.quote) box.append(el("blockquote", "\u201c" + a.quote + "\u201d"));
    var source = el("div", null, "source");
    source.append(el("span", a.source_title || "untitled source"));
    if (a.source_date) source.append(", " + a.source_date);
    var href = safeUrl(a.source_url);
    if (href) {
      var link = el("a", a.source_url);
      link.href = href;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      source.append(el("br"), link);
    } else if (a.source_url) {
      source.append(el("br"), el("span", a.source_url, "iri"));
    }
    box.append(source);
    return box;
  }
  function showNode(id) {
    var info = nodeInfo[id];
    if (!info) return;
    infoTitle.textContent = info.label;
    infoBody.replaceChildren();
    var kind = el("p");
    var swatch = el("span", null, "swatch");
    swatch.style.background = classColour(info.cls);
    kind.append(swatch, info.class_label);
    if (info.stance) kind.append(" ", stanceBadge(info.stance));
    infoBody.append(kind);
    if (info.description) infoBody.append(el("p", info.description));
    infoBody.append(el("p", id, "iri"));
    if (info.links && info.links.length) {
      // The item's identifiers elsewhere (owl:sameAs), as links; nothing is fetched until the reader follows one.
      var elsewhere = el("p", "Elsewhere: ", "links");
      info.links.forEach(function (url, i) {
        var href = safeUrl(url);
        if (i) elsewhere.append(", ");
        if (!href) { elsewhere.append(url); return; }
        var link = el("a", url);
        link.href = href;
        link.rel = "noopener noreferrer";
        link.target = "_blank";
        elsewhere.append(link);
      });
      infoBody.append(elsewhere);
    }
    if (info.assertions.length) {
      infoBody.append(el("h3", "What the record says (" + info.assertions.length + ")"));
      info.assertions.forEach(function (a) { infoBody.append(showAssertion(a)); });
    }
    var connected = network.getConnectedEdges(id);
    if (connected.length) {
      infoBody.append(el("h3", "Connections (" + connected.length + ")"));
      var list = el("ul");
      connected.slice(0, 40).forEach(function (edgeId) {
        var edge = edgeInfo[edgeId];
        if (!edge) return;
        var other = edge.source === id ? edge.target : edge.source;
        var item = el("li", (edge.source === id ? "" : "\u2190 ") + (edge.label || edge.stance || edge.kind) + " ");
        item.append(nodeButton(other));
        list.append(item);
      });
      infoBody.append(list);
    }
  }
  function showEdge(id) {
    var edge = edgeInfo[id];
    if (!edge) return;
    infoTitle.textContent = edge.label || edge.stance || edge.kind;
    infoBody.replaceChildren();
    var kind = el("p", edge.kind + " ");
    if (edge.stance) kind.append(stanceBadge(edge.stance));
    infoBody.append(kind);
    var ends = el("p");
    ends.append(nodeButton(edge.source), " \u2192 ", nodeButton(edge.target));
    infoBody.append(ends);
    if (edge.parties.length) infoBody.append(el("p", "Parties: " + edge.parties.join("; ")));
    if (edge.sources.length) infoBody.append(el("p", "Sources: " + edge.sources.join("; ")));
  }
  function showPinned() {
    if (!pinned) return;
    if (pinned.type === "node") showNode(pinned.id);
    else if (pinned.type === "edge") showEdge(pinned.id);
    else showItem(pinned.item);
  }
  network.on("hoverNode", function (p) { showNode(p.node); });
  network.on("blurNode", showPinned);
  network.on("hoverEdge", function (p) { showEdge(p.edge); });
  network.on("blurEdge", showPinned);
  network.on("click", function (p) {
    if (p.nodes.length) { pinned = { type: "node", id: p.nodes[0] }; showNode(p.nodes[0]); }
    else if (p.edges.length) { pinned = { type: "edge", id: p.edges[0] }; showEdge(p.edges[0]); }
  });

  function focusNode(id) {
    if (!nodes.get(id)) return;
    if (focusSet && !focusSet[id]) setFocus(null);
    showView("graph");
    network.selectNodes([id], false);
    network.focus(id, { scale: Math.max(network.getScale(), 1),
                        animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    pinned = { type: "node", id: id };
    showNode(id);
  }

  /* ---- search ---- */
  var search = byId("search");
  var results = byId("search-results");
  var hidden = table();
  function matches(query) {
    var found = [];
    data.nodes.forEach(function (n) {
      var label = nodeInfo[n.id].label.toLowerCase();
      var at = label.indexOf(query);
      if (at < 0) return;
      found.push({ id: n.id, rank: label === query ? 0 : at === 0 ? 1 : 2, label: label });
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) ||
             (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    return found.slice(0, 8);
  }
  function runSearch() {
    results.replaceChildren();
    clearHighlight();  // a new search never leaves the last one's dimming behind
    var query = search.value.trim().toLowerCase();
    if (!query) return;
    var found = matches(query);
    if (!found.length) { results.append(el("li", "no node matches", "muted")); return; }
    var first = null;
    found.forEach(function (m) {
      var button = el("button");
      button.type = "button";
      button.append(nodeInfo[m.id].label + " ",
                    el("span", nodeInfo[m.id].class_label + (hidden[m.id] ? ", hidden by filters" : ""), "muted"));
      button.addEventListener("click", function () { focusNode(m.id); results.replaceChildren(); writeHash(); });
      if (first === null && !hidden[m.id]) { first = m.id; button.classList.add("current"); }
      var item = el("li");
      item.append(button);
      results.append(item);
    });
    if (first !== null && currentView === "graph") focusNode(first);
    searchFirst = first;
  }
  var searchFirst = null;
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { search.value = ""; results.replaceChildren(); }
    if (e.key === "Enter" && searchFirst !== null) { focusNode(searchFirst); results.replaceChildren(); writeHash(); }
  });

  /* ---- filters ---- */
  var classBoxes = table();
  var stanceBoxes = table();
  function checkbox(parent, store, key, text, colour) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", applyFilters);
    var swatch = el("span", null, "swatch");
    swatch.style.background = colour;
    label.append(box, swatch, text);
    parent.append(label);
    store[key] = box;
  }
  var counts = table();
  data.nodes.forEach(function (n) { var c = nodeInfo[n.id].cls; counts[c] = (counts[c] || 0) + 1; });
  data.classes.forEach(function (c) {
    checkbox(byId("filter-classes"), classBoxes, c.cls, c.label + " (" + counts[c.cls] + ")", c.color);
  });
  data.stances.forEach(function (s) { checkbox(byId("filter-stances"), stanceBoxes, s, s, data.stance_colours[s]); });
  function fillSelect(select, values) {
    values.forEach(function (v) { var option = el("option", v); option.value = v; select.append(option); });
    select.addEventListener("change", applyFilters);
  }
  var partySelect = byId("filter-party");
  var sourceSelect = byId("filter-source");
  fillSelect(partySelect, data.parties);
  fillSelect(sourceSelect, data.sources);

  function stanceOn(stance) { return !stanceBoxes[stance] || stanceBoxes[stance].checked; }
  function applyFilters() {
    var party = partySelect.value;
    var source = sourceSelect.value;
    var base = table();
    var show = table();
    data.nodes.forEach(function (n) {
      var info = nodeInfo[n.id];
      base[n.id] = (!classBoxes[info.cls] || classBoxes[info.cls].checked) && (!info.stance || stanceOn(info.stance)) &&
                   (!focusSet || !!focusSet[n.id]);
      show[n.id] = base[n.id] && (!party || info.parties.indexOf(party) >= 0) &&
                   (!source || info.sources.indexOf(source) >= 0);
    });
    var edgeShow = table();
    data.edges.forEach(function (e) {
      var info = edgeInfo[e.id];
      edgeShow[e.id] = base[info.source] && base[info.target] &&
        (info.kind !== "stance" || stanceOn(info.stance)) &&
        (!party || info.parties.indexOf(party) >= 0) && (!source || info.sources.indexOf(source) >= 0);
      if (edgeShow[e.id] && (party || source)) { show[info.source] = true; show[info.target] = true; }
    });
    var nodeChanges = [];
    var edgeChanges = [];
    var visibleNodes = 0;
    var visibleEdges = 0;
    data.nodes.forEach(function (n) {
      var hide = !show[n.id];
      if (!hide) visibleNodes++;
      if (!!hidden[n.id] !== hide) nodeChanges.push({ id: n.id, hidden: hide });
      hidden[n.id] = hide;
    });
    data.edges.forEach(function (e) {
      var info = edgeInfo[e.id];
      var hide = !(edgeShow[e.id] && show[info.source] && show[info.target]);
      if (!hide) visibleEdges++;
      if (!!hidden["edge:" + e.id] !== hide) edgeChanges.push({ id: e.id, hidden: hide });
      hidden["edge:" + e.id] = hide;
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    window.kgStats.visibleNodes = visibleNodes;
    window.kgStats.visibleEdges = visibleEdges;
    byId("visible-count").textContent = "Showing " + visibleNodes + " of " + nodes.length + " nodes and " +
      visibleEdges + " of " + edges.length + " edges.";
    filterBoard();
    writeHash();
  }
  function resetFilters() {
    Object.keys(classBoxes).forEach(function (k) { classBoxes[k].checked = true; });
    Object.keys(stanceBoxes).forEach(function (k) { stanceBoxes[k].checked = true; });
    partySelect.value = "";
    sourceSelect.value = "";
  }
  byId("reset-filters").addEventListener("click", function () { resetFilters(); applyFilters(); });

  /* ---- unresolved panel ---- */
  var clearButton = byId("clear-highlight");
  var dimmed = false;
  var activeItem = null;
  function clearHighlight() {
    if (dimmed) {
      nodes.update(data.nodes.map(function (n) { return { id: n.id, color: n.color, font: n.font }; }));
      edges.update(data.edges.map(function (e) { return { id: e.id, color: e.color, font: e.font || {} }; }));
      dimmed = false;
    }
    network.unselectAll();
    activeItem = null;
    Array.prototype.forEach.call(document.querySelectorAll(".unresolved-item.active"),
                                 function (b) { b.classList.remove("active"); });
    clearButton.disabled = true;
  }
  function showItem(item) {
    infoTitle.textContent = item.label;
    infoBody.replaceChildren();
    infoBody.append(el("p", kindTitles[item.kind] || item.kind, "hint"));
    if (item.detail) infoBody.append(el("p", item.detail));
    if (item.nodes.length) {
      infoBody.append(el("h3", "Involves"));
      var list = el("ul");
      item.nodes.forEach(function (id) { var li = el("li"); li.append(nodeButton(id)); list.append(li); });
      infoBody.append(list);
    }
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
    pinned = { type: "item", item: item };
    activeItem = item.id;
    showItem(item);
    writeHash();
  }
  clearButton.addEventListener("click", function () { clearHighlight(); writeHash(); });

  var panel = byId("unresolved");
  var kindTitles = table();
  data.unresolved_kinds.forEach(function (pair) { kindTitles[pair[0]] = pair[1]; });
  var kinds = data.unresolved_kinds.map(function (pair) { return pair[0]; });
  data.unresolved.forEach(function (item) { if (kinds.indexOf(item.kind) < 0) kinds.push(item.kind); });
  kinds.forEach(function (kind) {
    var items = data.unresolved.filter(function (item) { return item.kind === kind; });
    if (!items.length) return;
    var group = el("details");
    group.open = true;
    group.append(el("summary", (kindTitles[kind] || kind) + " (" + items.length + ")"));
    var list = el("ul");
    items.forEach(function (item) {
      var button = el("button", null, "unresolved-item");
      button.type = "button";
      button.dataset.item = item.id;
      button.append(el("span", item.label));
      if (item.detail) button.append(el("span", item.detail, "detail"));
      button.addEventListener("click", function () {
        showView("graph");
        if (focusSet) setFocus(item.nodes, item.label);
        highlight(item, button);
      });
      var li = el("li");
      li.append(button);
      list.append(li);
    });
    group.append(list);
    panel.append(group);
  });
  if (!data.unresolved.length) panel.append(el("p", "Nothing is left unresolved in this view.", "hint"));
  byId("unresolved-title").textContent = "Unresolved (" + data.unresolved.length + ")";
  var itemById = table();
  data.unresolved.forEach(function (item) { itemById[item.id] = item; });
  function itemButton(id) { return document.querySelector('.unresolved-item[data-item="' + CSS.escape(id) + '"]'); }

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

  /* ---- views: the board, the timeline, the graph ---- */
  var currentView = "graph";
  var tabs = { board: byId("tab-board"), timeline: byId("tab-timeline"), graph: byId("tab-graph") };
  var panes = { board: byId("board"), timeline: byId("timeline"), graph: byId("graph") };
  function showView(name) {
    if (!Object.prototype.hasOwnProperty.call(panes, name)) name = "graph";
    currentView = name;
    Object.keys(panes).forEach(function (k) {
      panes[k].classList.toggle("active", k === name);
      tabs[k].setAttribute("aria-pressed", k === name ? "true" : "false");
    });
    byId("stage").classList.toggle("focused", name === "graph" && !!focusSet);
    byId("focus-bar").hidden = !(name === "graph" && focusSet);
    if (name === "graph") network.redraw();
    window.kgViews.current = name;
  }
  Object.keys(tabs).forEach(function (k) {
    tabs[k].addEventListener("click", function () { showView(k); writeHash(); });
  });

  /* ---- focus: the graph cut to some nodes and their neighbours ---- */
  var focusSet = null;
  var focusLabel = "";
  function setFocus(ids, label) {
    if (!ids || !ids.length) {
      focusSet = null;
    } else {
      focusSet = table();
      ids.forEach(function (id) {
        focusSet[id] = true;
        if (nodes.get(id)) network.getConnectedNodes(id).forEach(function (near) { focusSet[near] = true; });
      });
    }
    focusLabel = label || "";
    applyFilters();
    var shown = window.kgStats.visibleNodes;
    byId("focus-text").textContent = focusSet ? "Showing " + shown + " of " + nodes.length +
      " nodes, around \u201c" + cut(focusLabel, 80) + "\u201d." : "";
    showView(currentView);
    if (focusSet) network.fit({ nodes: Object.keys(focusSet).filter(function (id) { return !hidden[id]; }), maxZoomLevel: 1.5 });
    window.kgViews.focus = focusSet ? Object.keys(focusSet).length : 0;
  }
  byId("show-all").addEventListener("click", function () {
    setFocus(null);
    network.fit();
    writeHash();
  });

  /* ---- the stance board: propositions by parties ---- */
  var board = data.board;
  var boardCells = [];
  var boardRows = [];
  function partyName(name) {
    var short = board.short[name] || name;  // the reports' short name, else the label cut
    return short.length > 34 ? short.slice(0, 33) + "\u2026" : short;
  }
  function showCell(rowId, index, cell) {
    var info = nodeInfo[rowId];
    var a = info.assertions[index];
    pinned = { type: "node", id: rowId };
    infoTitle.textContent = info.label;
    infoBody.replaceChildren();
    var kind = el("p", "Proposition" + (info.draft ? " (draft)" : ""), "hint");
    infoBody.append(kind, showAssertion(a));
    var others = info.assertions.filter(function (other) { return other !== a; });
    if (others.length) {
      infoBody.append(el("h3", "Others on this proposition (" + others.length + ")"));
      others.forEach(function (other) { infoBody.append(showAssertion(other)); });
    }
    var open = el("p");
    open.append(nodeButton(rowId));
    infoBody.append(open);
    Array.prototype.forEach.call(document.querySelectorAll(".cell.current"), function (c) { c.classList.remove("current"); });
    if (cell) cell.classList.add("current");
  }
  function drawBoard() {
    var pane = panes.board;
    if (!board.rows.length) {
      pane.append(el("p", "No proposition in this view has a stance from any party.", "hint"));
      return;
    }
    var contested = board.rows.filter(function (r) { return r.contested; }).length;
    pane.append(el("p", board.rows.length + " propositions by " + board.parties.length + " parties; " + contested +
      " contested (one voice for, an independent voice against) at the top. Hover over a mark for the quote; click it for the source.",
      "board-note"));
    var table = el("table");
    var head = el("tr");
    head.append(el("th", "Proposition"));
    board.parties.forEach(function (party) {
      var th = el("th", partyName(party));
      th.title = party;
      th.scope = "col";
      head.append(th);
    });
    var thead = el("thead");
    thead.append(head);
    var tbody = el("tbody");
    board.rows.forEach(function (row) {
      var info = nodeInfo[row.id];
      var tr = el("tr", null, row.contested ? "contested" : "");
      tr.dataset.row = row.id;
      var th = el("th");
      th.scope = "row";
      th.append(el("span", (row.draft ? "draft: " : "") + info.label));
      th.append(el("span", (row.contested ? "contested \u2014 " : "") + row.summary, "summary"));
      tr.append(th);
      var tds = board.parties.map(function () { var td = el("td"); tr.append(td); return td; });
      row.cells.forEach(function (pair) {
        var a = info.assertions[pair[1]];
        var cell = el("span", data.stance_marks[a.stance] || "?", "cell" + (info.draft ? " draft" : ""));
        cell.style.background = data.stance_colours[a.stance] || "#6e7781";
        cell.style.borderColor = data.stance_colours[a.stance] || "#6e7781";
        if (info.draft) cell.style.color = data.stance_colours[a.stance] || "#6e7781";
        cell.title = a.stance + ": \u201c" + a.quote + "\u201d" + (info.draft ? " (draft)" : "");
        cell.setAttribute("role", "button");
        cell.tabIndex = 0;
        cell.dataset.party = a.party;
        cell.dataset.stance = a.stance;
        cell.dataset.index = String(pair[1]);
        cell.addEventListener("click", function () { showCell(row.id, pair[1], cell); });
        cell.addEventListener("keydown", function (e) { if (e.key === "Enter") showCell(row.id, pair[1], cell); });
        boardCells.push({ cell: cell, row: tr, assertion: a });
        tds[pair[0]].append(cell);
      });
      boardRows.push(tr);
      tbody.append(tr);
    });
    table.append(thead, tbody);
    pane.append(table);
  }
  function filterBoard() {
    var party = partySelect.value;
    var source = sourceSelect.value;
    var shownIn = new Map();
    var shown = 0;
    boardCells.forEach(function (c) {
      var on = stanceOn(c.assertion.stance) && (!party || c.assertion.party === party) &&
               (!source || c.assertion.source_title === source);
      c.cell.hidden = !on;
      if (on) { shown++; shownIn.set(c.row, true); }
    });
    var rows = 0;
    boardRows.forEach(function (tr) { tr.hidden = !shownIn.get(tr); if (!tr.hidden) rows++; });
    window.kgViews.board = { rows: rows, cells: shown };
  }

  /* ---- the timeline: dated items on lanes ---- */
  var line = data.timeline;
  var EPOCH = 719163;  // the proleptic ordinal of 1970-01-01
  function isoDay(ordinal) { return new Date((ordinal - EPOCH) * 86400000).toISOString().slice(0, 10); }
  function cut(text, size) { return text.length > size ? text.slice(0, size - 1) + "\u2026" : text; }
  function drawTimeline() {
    var pane = panes.timeline;
    pane.replaceChildren();
    var marks = [];
    if (!line.marks.length) {
      pane.append(el("p", "No item in this view has a date or date bounds.", "hint"));
    } else {
      var width = Math.max(600, pane.clientWidth - 40);
      var lo = line.span[0];
      var hi = line.span[1];
      var pad = Math.max(30, Math.round((hi - lo) * 0.08));
      var open = Math.max(90, Math.round((hi - lo) * 0.15));  // room to show a range with no end
      lo -= pad + (line.marks.some(function (m) { return m.shape === "open-start"; }) ? open : 0);
      hi += pad + (line.marks.some(function (m) { return m.shape === "open-end"; }) ? open : 0);
      var left = 120;
      var right = width - 20;
      var x = function (day) { return left + (day - lo) / (hi - lo) * (right - left); };
      var laneTitles = { incident: "Incidents", meeting: "Meetings", source: "Sources and statements", other: "Other" };
      var rowHeight = 40;
      var placed = table();
      var top = 30;
      var lanes = line.lanes.map(function (lane) {
        var rows = [];
        var items = line.marks.filter(function (m) { return m.lane === lane; });
        items.forEach(function (m) {
          var from = x(m.start === null ? lo : m.start);
          var to = x(m.end === null ? hi : m.end);
          var labelEnd = Math.max(to, from) + 8 + 6.5 * Math.min(70, nodeInfo[m.id].label.length + m.text.length + 3);
          var r = 0;
          while (rows[r] !== undefined && rows[r] > from - 4) r++;
          rows[r] = labelEnd;
          placed[m.id] = { m: m, from: from, to: to, y: top + 18 + r * rowHeight };
        });
        var lane_ = { lane: lane, top: top, height: Math.max(1, rows.length) * rowHeight + 16 };
        top += lane_.height;
        return lane_;
      });
      var height = top + 40;
      var svg = svgEl("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img" });
      svg.append(svgEl("title", {}));
      svg.lastChild.textContent = "Timeline of " + line.marks.length + " dated items";
      lanes.forEach(function (l, i) {
        svg.append(svgEl("rect", { x: 0, y: l.top, width: width, height: l.height, fill: i % 2 ? "#ffffff" : "#f6f8fa" }));
        var t = svgEl("text", { x: 6, y: l.top + 18, "font-size": 12, "font-weight": 600, fill: "#57606a" });
        t.textContent = laneTitles[l.lane] || l.lane;
        svg.append(t);
      });
      // the axis: a tick a month when the span is short, a year otherwise
      var axisY = top + 4;
      svg.append(svgEl("line", { x1: left, y1: axisY, x2: right, y2: axisY, stroke: "#57606a" }));
      var first = new Date((lo - EPOCH) * 86400000);
      var yearly = hi - lo > 3 * 366;
      // Ticks at least 70 px apart: every 1, 2, 3, 6 or 12 months, or every 1, 2, 5, 10... years.
      var perTick = (yearly ? 365.25 : 30.44) * (right - left) / (hi - lo);
      var step = [1, 2, 3, 6, 12, 24, 60, 120, 240].filter(function (n) { return n * perTick >= 70; })[0] || 480;
      var tick = new Date(Date.UTC(first.getUTCFullYear(), yearly ? 0 : first.getUTCMonth() + 1, 1));
      var guard = 0;
      while ((tick.getTime() / 86400000 + EPOCH) <= hi && guard++ < 400) {
        var day = tick.getTime() / 86400000 + EPOCH;
        if (day >= lo) {
          svg.append(svgEl("line", { x1: x(day), y1: axisY, x2: x(day), y2: axisY + 5, stroke: "#57606a" }));
          svg.append(svgEl("line", { x1: x(day), y1: 30, x2: x(day), y2: axisY, stroke: "#eaeef2" }));
          var label = svgEl("text", { x: x(day), y: axisY + 18, "font-size": 11, "text-anchor": "middle", fill: "#57606a" });
          label.textContent = isoDay(day).slice(0, yearly ? 4 : 7);
          svg.append(label);
        }
        tick = yearly ? new Date(Date.UTC(tick.getUTCFullYear() + step, 0, 1))
                      : new Date(Date.UTC(tick.getUTCFullYear(), tick.getUTCMonth() + step, 1));
      }
      // conflicts first, so the marks they join are drawn over them
      line.conflicts.forEach(function (pair) {
        var a = placed[pair[0]];
        var b = placed[pair[1]];
        var join = svgEl("line", { x1: (a.from + a.to) / 2, y1: a.y, x2: (b.from + b.to) / 2, y2: b.y,
                                   stroke: "#cf222e", "stroke-width": 2, "stroke-dasharray": "3 3", "class": "tl-conflict" });
        join.dataset.items = pair.join(" ");
        svg.append(join);
      });
      Object.keys(placed).sort().forEach(function (id) {
        var p = placed[id];
        var m = p.m;
        var info = nodeInfo[id];
        var colour = classColour(info.cls);
        var g = svgEl("g", { "class": "tl-mark" + (m.draft ? " draft" : ""), tabindex: 0, role: "button" });
        g.dataset.id = id;
        var shape;
        if (m.shape === "point") {
          shape = svgEl("circle", { cx: p.from, cy: p.y, r: 6 });
        } else {
          shape = svgEl("rect", { x: Math.min(p.from, p.to), y: p.y - 6, width: Math.max(4, Math.abs(p.to - p.from)),
                                  height: 12, rx: 6 });
        }
        shape.setAttribute("fill", m.draft ? "#ffffff" : colour);
        shape.setAttribute("stroke", m.draft ? colour : "#444444");
        if (m.draft) { shape.setAttribute("stroke-dasharray", "4 3"); shape.setAttribute("stroke-width", 2); }
        if (m.shape === "open-end" || m.shape === "open-start") shape.setAttribute("fill-opacity", m.draft ? 1 : 0.45);
        g.append(shape);
        if (m.shape === "open-end") g.append(svgEl("polygon", { points: [p.to, p.y - 7, p.to + 9, p.y, p.to, p.y + 7].join(" "), fill: colour }));
        if (m.shape === "open-start") g.append(svgEl("polygon", { points: [p.from, p.y - 7, p.from - 9, p.y, p.from, p.y + 7].join(" "), fill: colour }));
        var textX = m.shape === "open-end" ? p.from : Math.max(p.from, p.to) + 10;
        var words = svgEl("text", { x: textX, y: p.y - 9, "font-size": 12, fill: "#1a1a1a" });
        words.textContent = (m.draft ? "draft: " : "") + cut(info.label, 60);
        var when = svgEl("text", { x: textX, y: p.y + 19, "font-size": 11, fill: "#57606a" });
        when.textContent = m.text + (m.date_text ? " \u2014 \u201c" + cut(m.date_text, 50) + "\u201d" : "") +
          " \u00b7 source: " + cut(m.source, 40);
        var tip = svgEl("title", {});
        tip.textContent = info.label + "\n" + m.text + (m.date_text ? "\nas written: " + m.date_text : "") + "\nsource: " + m.source;
        g.append(tip, words, when);
        g.addEventListener("click", function () {
          Array.prototype.forEach.call(document.querySelectorAll(".tl-mark.current"), function (c) { c.classList.remove("current"); });
          g.classList.add("current");
          pinned = { type: "node", id: id };
          showNode(id);
        });
        svg.append(g);
        marks.push(id);
      });
      pane.append(svg);
    }
    if (line.undated.length) {
      var box = el("div", null, "undated");
      box.append(el("h3", "No date or bounds, only words (" + line.undated.length + ")"));
      var list = el("ul");
      line.undated.forEach(function (u) {
        var li = el("li");
        li.append(nodeButton(u.id), " \u2014 \u201c" + u.date_text + "\u201d");
        list.append(li);
      });
      box.append(list);
      pane.append(box);
    }
    window.kgViews.timeline = { marks: marks, conflicts: line.conflicts.length, undated: line.undated.length };
  }

  /* ---- state in the URL fragment ---- */
  var applying = false;
  function stateNow() {
    var state = { view: currentView };
    if (activeItem) state.item = activeItem;
    else if (focusSet && focusNodeId) state.node = focusNodeId;
    if (partySelect.value) state.party = partySelect.value;
    if (sourceSelect.value) state.source = sourceSelect.value;
    var hide = Object.keys(classBoxes).filter(function (k) { return !classBoxes[k].checked; });
    var off = Object.keys(stanceBoxes).filter(function (k) { return !stanceBoxes[k].checked; });
    if (hide.length) state.hide = hide.join(",");
    if (off.length) state.off = off.join(",");
    return state;
  }
  var focusNodeId = null;
  function writeHash() {
    if (applying || !graphStill) return;
    var params = new URLSearchParams();
    var state = stateNow();
    Object.keys(state).forEach(function (k) { params.set(k, state[k]); });
    var hash = "#" + params.toString();
    if (location.hash === hash) return;
    try {
      history.replaceState(null, "", hash);
    } catch (e) {
      applying = true;
      location.replace(hash);
      applying = false;
    }
  }
  function readHash() {
    if (location.hash.length < 2) return null;
    var params = new URLSearchParams(location.hash.slice(1));
    var state = table();
    params.forEach(function (value, key) { state[key] = value; });
    if (state.item && !state.view) state.view = "graph";
    if (state.node && !state.view) state.view = "graph";
    return state;
  }
  function applyState(state, animate) {
    applying = true;
    try {
      resetFilters();
      (state.hide || "").split(",").forEach(function (k) { if (classBoxes[k]) classBoxes[k].checked = false; });
      (state.off || "").split(",").forEach(function (k) { if (stanceBoxes[k]) stanceBoxes[k].checked = false; });
      if (state.party && data.parties.indexOf(state.party) >= 0) partySelect.value = state.party;
      if (state.source && data.sources.indexOf(state.source) >= 0) sourceSelect.value = state.source;
      clearHighlight();
      focusNodeId = null;
      focusSet = null;
      var item = state.item ? itemById[state.item] : null;
      var nodeId = state.node || (state.item && !item && nodeInfo[state.item] ? state.item : null);
      showView(state.view || "graph");
      if (item && item.nodes.length) {
        setFocus(item.nodes, item.label);
        highlight(item, itemButton(item.id));
      } else if (nodeId && nodeInfo[nodeId]) {
        focusNodeId = nodeId;
        setFocus([nodeId], nodeInfo[nodeId].label);
        network.selectNodes([nodeId], false);
        pinned = { type: "node", id: nodeId };
        showNode(nodeId);
      } else {
        applyFilters();
      }
    } finally {
      applying = false;
    }
  }
  window.addEventListener("hashchange", function () {
    if (applying) return;
    var state = readHash();
    if (state) applyState(state, true);
  });

  /* ---- stance legend, for the board ---- */
  data.stances.forEach(function (s) {
    var row = el("div", null, "legend-row");
    var mark = el("span", data.stance_marks[s], "cell");
    mark.style.background = data.stance_colours[s];
    row.append(mark, el("span", s));
    byId("legend-stances").append(row);
  });

  /* ---- start: draw the board and timeline, then hand the graph its data ---- */
  window.kgViews = { current: "graph", board: { rows: 0, cells: 0 }, timeline: { marks: [] }, focus: 0 };
  drawBoard();
  showView(data.opening.view);  // the pane is visible before the timeline measures it
  drawTimeline();
  applyFilters();
  window.kgTiming.viewsDrawn = performance.now();  // the board and timeline are in the DOM
  network.setData({ nodes: nodes, edges: edges });
  if (!(data.physics && nodes.length > 0)) markReady();
})();
