/* The kg graph page, the stance board: propositions by parties, a mark for each stance. */
(function (kg) {
  "use strict";

  var { byId, data, el, infoBody, infoTitle, nodeButton, nodeInfo, panes, partySelect, showAssertion,
        sourceSelect, stanceOn } = kg;

  /* ---- the stance board: propositions by parties ---- */
  var board = data.board;
  var boardCells = [];
  var boardRows = [];
  var boardChips = [];  // the marks in the rows' sides, filtered like the cells but not counted twice
  function partyName(name) {
    var short = board.short[name] || name;  // the reports' short name, else the label cut
    return short.length > 34 ? short.slice(0, 33) + "\u2026" : short;
  }
  function showCell(rowId, index, cell) {
    var info = nodeInfo[rowId];
    var a = info.assertions[index];
    kg.pinned = { type: "node", id: rowId };
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
  // A voice's column is one column until its head is clicked; then each member has its own.
  var expanded = kg.table();
  function mark(a, draft) {
    var colour = data.stance_colours[a.stance] || "#6e7781";
    var cell = el("span", data.stance_marks[a.stance] || "?", "cell" + (draft ? " draft" : ""));
    cell.style.background = colour;
    cell.style.borderColor = colour;
    if (draft) cell.style.color = colour;
    return cell;
  }
  function clickable(node, rowId, index) {
    node.setAttribute("role", "button");
    node.tabIndex = 0;
    node.addEventListener("click", function () { showCell(rowId, index, node); });
    node.addEventListener("keydown", function (e) { if (e.key === "Enter") showCell(rowId, index, node); });
  }
  // A row's sides as lists, so both sides of a contested row show whatever the columns' width.
  function sides(row, info) {
    var box = el("div", null, "sides");
    [["for", "for"], ["against", "against"], ["neither", "neither"]].forEach(function (side) {
      var indices = row.sides[side[0]];
      if (!indices.length) return;
      var line = el("div", null, "side " + side[0]);
      line.append(el("span", side[1] + ":", "side-name"));
      var voices = el("span", null, "voices");
      line.append(voices);
      indices.forEach(function (index) {
        var a = info.assertions[index];
        var voice = el("span", null, "voice" + (a.superseded ? " superseded" : ""));
        voice.dataset.party = a.party;
        voice.title = a.stance + ": \u201c" + a.quote + "\u201d";
        voice.append(mark(a, info.draft), el("span", partyName(a.party)));
        clickable(voice, row.id, index);
        boardChips.push({ cell: voice, row: null, assertion: a });
        voices.append(voice);
      });
      box.append(line);
    });
    return box;
  }
  // The columns: one per voice, or one per member of an opened voice.
  function columns() {
    var out = [];
    board.groups.forEach(function (group, g) {
      var open = expanded[g] && group.parties.length > 1;
      if (!open) { out.push({ group: g, members: group.parties, head: true }); return; }
      group.parties.forEach(function (p, i) { out.push({ group: g, members: [p], head: i === 0 }); });
    });
    return out;
  }
  function headCell(column) {
    var group = board.groups[column.group];
    var members = column.members.map(function (p) { return board.parties[p]; });
    var th = el("th", null, column.head ? "" : "member");
    th.scope = "col";
    th.title = members.join("\n");
    th.dataset.members = members.join("\n");
    var name = column.members.length === 1 ? partyName(members[0]) : partyName(group.head);
    if (group.parties.length > 1 && column.head) {
      var open = !!expanded[column.group];
      var button = el("button", (open ? "\u25be " : "\u25b8 ") + name + (open ? "" : " (+" + (group.parties.length - 1) + ")"));
      button.type = "button";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.addEventListener("click", function () { expanded[column.group] = !open; drawTable(); kg.filterBoard(); });
      th.append(button);
    } else {
      th.append(name);
    }
    return th;
  }
  var table = null;
  function drawTable() {
    boardCells.length = 0;
    boardRows.length = 0;
    boardChips.length = 0;
    var cols = columns();
    var where = kg.table();  // party index -> column index
    cols.forEach(function (c, i) { c.members.forEach(function (p) { where[p] = i; }); });
    var fresh = el("table");
    var head = el("tr");
    head.append(el("th", "Proposition"));
    cols.forEach(function (c) { head.append(headCell(c)); });
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
      th.append(sides(row, info));
      tr.append(th);
      var tds = cols.map(function () { var td = el("td"); tr.append(td); return td; });
      row.cells.forEach(function (pair) {
        var a = info.assertions[pair[1]];
        var cell = mark(a, info.draft);
        cell.title = a.stance + ": \u201c" + a.quote + "\u201d" + (info.draft ? " (draft)" : "");
        cell.dataset.party = a.party;
        cell.dataset.stance = a.stance;
        cell.dataset.index = String(pair[1]);
        clickable(cell, row.id, pair[1]);
        boardCells.push({ cell: cell, row: tr, assertion: a });
        tds[where[pair[0]]].append(cell);
      });
      boardRows.push(tr);
      tbody.append(tr);
    });
    fresh.append(thead, tbody);
    if (table) table.replaceWith(fresh); else panes.board.append(fresh);
    table = fresh;
    boardMore();
  }
  function drawBoard() {
    var pane = panes.board;
    if (!board.rows.length) {
      pane.append(el("p", "No proposition in this view has a stance from any party.", "hint"));
      return;
    }
    var contested = board.rows.filter(function (r) { return r.contested; }).length;
    pane.append(el("p", board.rows.length + " propositions by " + board.groups.length + " voices (" +
      board.parties.length + " parties); " + contested +
      " contested (one voice for, an independent voice against) at the top. Hover over a mark for the quote; click it for the source.",
      "board-note"));
    drawTable();
    pane.addEventListener("scroll", boardMore);
    window.addEventListener("resize", boardMore);
  }
  // A sign while columns lie beyond the pane's right edge.
  function boardMore() {
    var pane = panes.board;
    var more = byId("board-more");
    var beyond = pane.scrollWidth - pane.clientWidth - pane.scrollLeft;
    more.hidden = !(kg.currentView === "board" && table && beyond > 2 && getComputedStyle(table).display === "table");
    window.kgViews.boardMore = !more.hidden;
  }
  function filterBoard() {
    var party = partySelect.value;
    var source = sourceSelect.value;
    var shownIn = new Map();
    var shown = 0;
    function on(a) {
      return stanceOn(a.stance) && (!party || a.party === party) && (!source || a.source_title === source);
    }
    boardChips.forEach(function (c) { c.cell.hidden = !on(c.assertion); });
    boardCells.forEach(function (c) {
      c.cell.hidden = !on(c.assertion);
      if (!c.cell.hidden) { shown++; shownIn.set(c.row, true); }
    });
    var rows = 0;
    boardRows.forEach(function (tr) { tr.hidden = !shownIn.get(tr); if (!tr.hidden) rows++; });
    window.kgViews.board = { rows: rows, cells: shown };
  }

  /* ---- stance legend, for the board ---- */
  data.stances.forEach(function (s) {
    var row = el("div", null, "legend-row");
    var mark = el("span", data.stance_marks[s], "cell");
    mark.style.background = data.stance_colours[s];
    row.append(mark, el("span", s));
    byId("legend-stances").append(row);
  });

  kg.boardMore = boardMore;
  kg.drawBoard = drawBoard;
  kg.filterBoard = filterBoard;
})(window.kgPage);
