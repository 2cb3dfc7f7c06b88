/* The kg graph page, the timeline: dated items on lanes, conflicting dates joined. */
(function (kg) {
  "use strict";

  var { classColour, cut, data, el, nodeButton, nodeInfo, panes, showNode, svgEl, table } = kg;

  /* ---- the timeline: dated items on lanes ---- */
  var line = data.timeline;
  var EPOCH = 719163;  // the proleptic ordinal of 1970-01-01
  function isoDay(ordinal) { return new Date((ordinal - EPOCH) * 86400000).toISOString().slice(0, 10); }
  function drawTimeline() {
    var pane = panes.timeline;
    pane.replaceChildren();
    var marks = [];
    if (!line.marks.length) {
      pane.append(el("p", "No item in this view has a date or date bounds.", "hint"));
    } else {
      // The axis spans what the case dates, its first to its last known day; a range with no end
      // (or no start) runs into a band past that, which says the record gives no date there.
      // the stage's width: a pane not shown on a phone is not laid out, and measures 0
      var width = Math.max(320, kg.byId("stage").clientWidth - 24);
      var narrowPane = width < 560;
      var lo = line.span[0];
      var hi = line.span[1];
      var pad = Math.max(2, Math.round((hi - lo) * 0.05));
      var openStart = line.marks.some(function (m) { return m.shape === "open-start"; });
      var openEnd = line.marks.some(function (m) { return m.shape === "open-end"; });
      var left = narrowPane ? 8 : 120;
      var right = width - 12;
      var band = Math.round((right - left) * 0.22);
      var from0 = left + (openStart ? band : 0);
      var to0 = right - (openEnd ? band : 0);
      lo -= pad;
      hi += pad;
      var x = function (day) { return from0 + (day - lo) / (hi - lo) * (to0 - from0); };
      var laneTitles = { incident: "Incidents", meeting: "Meetings", source: "Sources and statements", other: "Other" };
      var rowHeight = 40;
      var placed = table();
      var top = 30;
      var lanes = line.lanes.map(function (lane) {
        var rows = [];
        var items = line.marks.filter(function (m) { return m.lane === lane; });
        items.forEach(function (m) {
          var from = m.start === null ? left : x(m.start);
          var to = m.end === null ? right - 10 : x(m.end);
          var labelEnd = Math.max(to, from) + 8 + 6.5 * Math.min(70, nodeInfo[m.id].label.length + m.text.length + 3);
          var r = 0;
          while (rows[r] !== undefined && rows[r] > from - 4) r++;
          rows[r] = labelEnd;
          placed[m.id] = { m: m, from: from, to: to, y: top + (narrowPane ? 42 : 18) + r * rowHeight };
        });
        var lane_ = { lane: lane, top: top, height: Math.max(1, rows.length) * rowHeight + (narrowPane ? 40 : 16) };
        top += lane_.height;
        return lane_;
      });
      var height = top + 40;
      var svg = svgEl("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img" });
      svg.append(svgEl("title", {}));
      svg.lastChild.textContent = "Timeline of " + line.marks.length + " dated items";
      lanes.forEach(function (l, i) {
        svg.append(svgEl("rect", { x: 0, y: l.top, width: width, height: l.height, fill: i % 2 ? "#ffffff" : "#f6f8fa" }));
        var t = svgEl("text", { x: 6, y: l.top + 16, "font-size": 12, "font-weight": 600, fill: "#57606a" });
        t.textContent = laneTitles[l.lane] || l.lane;
        svg.append(t);
      });
      // the axis: a tick a month when the span is short, a year otherwise
      var axisY = top + 4;
      svg.append(svgEl("line", { x1: left, y1: axisY, x2: right, y2: axisY, stroke: "#57606a" }));
      var known = line.span;
      var ticks = [];
      if (known[1] - known[0] < 62) {
        // a short span: the days the case names, not months it does not reach
        line.marks.forEach(function (m) {
          [m.start, m.end].forEach(function (d) { if (d !== null && ticks.indexOf(d) < 0) ticks.push(d); });
        });
        ticks.sort(function (a, b) { return a - b; });
        ticks = ticks.filter(function (d, i) { return i === 0 || x(d) - x(ticks[i - 1]) >= 80; });
      } else {
        var first = new Date((known[0] - EPOCH) * 86400000);
        var yearly = known[1] - known[0] > 3 * 366;
        // Ticks at least 70 px apart: every 1, 2, 3, 6 or 12 months, or every 1, 2, 5, 10... years.
        var perTick = (yearly ? 365.25 : 30.44) * (to0 - from0) / (hi - lo);
        var step = [1, 2, 3, 6, 12, 24, 60, 120, 240].filter(function (n) { return n * perTick >= 70; })[0] || 480;
        var tick = new Date(Date.UTC(first.getUTCFullYear(), yearly ? 0 : first.getUTCMonth(), 1));
        var guard = 0;
        while ((tick.getTime() / 86400000 + EPOCH) <= known[1] && guard++ < 400) {
          var day = tick.getTime() / 86400000 + EPOCH;
          if (day >= known[0]) ticks.push(day);
          tick = yearly ? new Date(Date.UTC(tick.getUTCFullYear() + step, 0, 1))
                        : new Date(Date.UTC(tick.getUTCFullYear(), tick.getUTCMonth() + step, 1));
        }
        if (!ticks.length) ticks.push(known[0]);
      }
      var precise = known[1] - known[0] < 62;
      ticks.forEach(function (day) {
        svg.append(svgEl("line", { x1: x(day), y1: axisY, x2: x(day), y2: axisY + 5, stroke: "#57606a" }));
        svg.append(svgEl("line", { x1: x(day), y1: 30, x2: x(day), y2: axisY, stroke: "#eaeef2" }));
        var label = svgEl("text", { x: x(day), y: axisY + 18, "font-size": 11, "text-anchor": "middle", fill: "#57606a",
                                    "class": "tl-tick" });
        label.dataset.day = String(day);
        label.textContent = isoDay(day).slice(0, precise ? 10 : yearly ? 4 : 7);
        svg.append(label);
      });
      // the bands past the known dates
      [[openStart, left, from0, "earlier", "start", left + 2], [openEnd, to0, right, "later", "end", right - 2]]
        .forEach(function (b) {
          if (!b[0]) return;
          svg.append(svgEl("rect", { x: b[1], y: 30, width: b[2] - b[1], height: axisY - 30, fill: "#eaeef2",
                                     "fill-opacity": 0.5, "class": "tl-open" }));
          var words = svgEl("text", { x: b[5], y: axisY + 18, "font-size": 11, "text-anchor": b[4],
                                      fill: "#57606a", "font-style": "italic", "class": "tl-open-label" });
          words.textContent = b[3] + (narrowPane ? ": undated" : ": no date in the record");
          svg.append(words);
        });
      var height = axisY + 30;
      svg.setAttribute("height", String(height));
      svg.setAttribute("viewBox", "0 0 " + width + " " + height);
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
        var room = Math.max(14, Math.floor((width - textX - 4) / 6.5));  // characters that fit before the edge
        words.textContent = (m.draft ? "draft: " : "") + cut(info.label, Math.min(60, room));
        var when = svgEl("text", { x: textX, y: p.y + 19, "font-size": 11, fill: "#57606a" });
        when.textContent = cut(m.text + (m.date_text ? " \u2014 \u201c" + cut(m.date_text, 50) + "\u201d" : "") +
          " \u00b7 source: " + cut(m.source, 40), Math.max(room, 30));
        var tip = svgEl("title", {});
        tip.textContent = info.label + "\n" + m.text + (m.date_text ? "\nas written: " + m.date_text : "") + "\nsource: " + m.source;
        g.append(tip, words, when);
        g.addEventListener("click", function () {
          Array.prototype.forEach.call(document.querySelectorAll(".tl-mark.current"), function (c) { c.classList.remove("current"); });
          g.classList.add("current");
          kg.pinned = { type: "node", id: id };
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

  kg.drawTimeline = drawTimeline;
})(window.kgPage);
