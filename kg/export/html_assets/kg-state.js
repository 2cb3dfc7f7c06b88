/* The kg graph page, its shared state: the data, the info panel, search, filters, the
 * unresolved panel, which view shows, and the state in the URL fragment, so a view
 * can be shared as a link: graph.html#item=<id> opens focused on that item. The page's other
 * scripts (graph, board, timeline, start; each inlined and hashed in the page's CSP) share
 * what they need through window.kgPage.
 *
 * Every string that came from a document reaches the DOM through textContent (or a property
 * such as option.value), never as HTML, and no vis-network "title" is set, because vis renders
 * those as HTML.
 *
 * For tests: window.kgReady turns true once the graph is drawn and still and the opening state
 * is applied; window.kgStats holds the DataSet sizes; window.kgViews what the board and timeline
 * show; window.kgNetwork is the network.
 */
(function (kg) {
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
  function cut(text, size) { return text.length > size ? text.slice(0, size - 1) + "\u2026" : text; }

  /* ---- info panel ---- */
  var infoTitle = byId("info-title");
  var infoBody = byId("info-body");
  kg.pinned = null;

  function nodeButton(id) {
    var button = el("button", labelOf(id), "link");
    button.type = "button";
    button.addEventListener("click", function () { kg.focusNode(id); });
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
    var connected = kg.network.getConnectedEdges(id);
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
    if (!kg.pinned) return;
    if (kg.pinned.type === "node") showNode(kg.pinned.id);
    else if (kg.pinned.type === "edge") showEdge(kg.pinned.id);
    else showItem(kg.pinned.item);
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
    kg.clearHighlight();  // a new search never leaves the last one's dimming behind
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
      button.addEventListener("click", function () { kg.focusNode(m.id); results.replaceChildren(); writeHash(); });
      if (first === null && !hidden[m.id]) { first = m.id; button.classList.add("current"); }
      var item = el("li");
      item.append(button);
      results.append(item);
    });
    if (first !== null && kg.currentView === "graph") kg.focusNode(first);
    searchFirst = first;
  }
  var searchFirst = null;
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { search.value = ""; results.replaceChildren(); }
    if (e.key === "Enter" && searchFirst !== null) { kg.focusNode(searchFirst); results.replaceChildren(); writeHash(); }
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
                   (!kg.focusSet || !!kg.focusSet[n.id]);
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
    kg.filterBoard();
    writeHash();
  }
  function resetFilters() {
    Object.keys(classBoxes).forEach(function (k) { classBoxes[k].checked = true; });
    Object.keys(stanceBoxes).forEach(function (k) { stanceBoxes[k].checked = true; });
    partySelect.value = "";
    sourceSelect.value = "";
  }
  byId("reset-filters").addEventListener("click", function () { resetFilters(); applyFilters(); });

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
        if (kg.focusSet) kg.setFocus(item.nodes, item.label);
        kg.highlight(item, button);
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

  /* ---- views: the board, the timeline, the graph ---- */
  kg.currentView = "graph";
  var tabs = { board: byId("tab-board"), timeline: byId("tab-timeline"), graph: byId("tab-graph") };
  var panes = { board: byId("board"), timeline: byId("timeline"), graph: byId("graph") };
  function showView(name) {
    if (!Object.prototype.hasOwnProperty.call(panes, name)) name = "graph";
    kg.currentView = name;
    Object.keys(panes).forEach(function (k) {
      panes[k].classList.toggle("active", k === name);
      tabs[k].setAttribute("aria-pressed", k === name ? "true" : "false");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".legend-part"), function (part) { part.hidden = part.dataset.view !== name; });
    if (kg.boardMore) kg.boardMore();
    byId("stage").classList.toggle("focused", name === "graph" && !!kg.focusSet);
    byId("focus-bar").hidden = !(name === "graph" && kg.focusSet);
    if (name === "graph") kg.network.redraw();
    window.kgViews.current = name;
  }
  Object.keys(tabs).forEach(function (k) {
    tabs[k].addEventListener("click", function () { showView(k); writeHash(); });
  });

  /* ---- state in the URL fragment ---- */
  var applying = false;
  function stateNow() {
    var state = { view: kg.currentView };
    if (kg.activeItem) state.item = kg.activeItem;
    else if (kg.focusSet && focusNodeId) state.node = focusNodeId;
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
    if (applying || !kg.graphStill) return;
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
      kg.clearHighlight();
      focusNodeId = null;
      kg.focusSet = null;
      var item = state.item ? itemById[state.item] : null;
      var nodeId = state.node || (state.item && !item && nodeInfo[state.item] ? state.item : null);
      showView(state.view || "graph");
      if (item && item.nodes.length) {
        kg.setFocus(item.nodes, item.label);
        kg.highlight(item, itemButton(item.id));
      } else if (nodeId && nodeInfo[nodeId]) {
        focusNodeId = nodeId;
        kg.setFocus([nodeId], nodeInfo[nodeId].label);
        kg.network.selectNodes([nodeId], false);
        kg.pinned = { type: "node", id: nodeId };
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

  kg.DIM_EDGE = DIM_EDGE;
  kg.DIM_FONT = DIM_FONT;
  kg.DIM_NODE = DIM_NODE;
  kg.applyFilters = applyFilters;
  kg.applyState = applyState;
  kg.byId = byId;
  kg.classColour = classColour;
  kg.cut = cut;
  kg.data = data;
  kg.edges = edges;
  kg.el = el;
  kg.hidden = hidden;
  kg.infoBody = infoBody;
  kg.infoTitle = infoTitle;
  kg.nodeButton = nodeButton;
  kg.nodeInfo = nodeInfo;
  kg.nodes = nodes;
  kg.panes = panes;
  kg.partySelect = partySelect;
  kg.readHash = readHash;
  kg.showAssertion = showAssertion;
  kg.showEdge = showEdge;
  kg.showItem = showItem;
  kg.showNode = showNode;
  kg.showPinned = showPinned;
  kg.showView = showView;
  kg.sourceSelect = sourceSelect;
  kg.stanceOn = stanceOn;
  kg.svgEl = svgEl;
  kg.table = table;
  kg.writeHash = writeHash;
})(window.kgPage = {});
