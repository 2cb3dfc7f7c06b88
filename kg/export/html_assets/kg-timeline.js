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
