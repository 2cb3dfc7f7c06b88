/* The kg graph page, the stance board: propositions by parties, a mark for each stance. */
(function (kg) {
  "use strict";

  var { byId, data, el, infoBody, infoTitle, nodeButton, nodeInfo, panes, partySelect, showAssertion,
        sourceSelect, stanceOn } = kg;

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

  /* ---- stance legend, for the board ---- */
  data.stances.forEach(function (s) {
    var row = el("div", null, "legend-row");
    var mark = el("span", data.stance_marks[s], "cell");
    mark.style.background = data.stance_colours[s];
    row.append(mark, el("span", s));
    byId("legend-stances").append(row);
  });

  kg.drawBoard = drawBoard;
  kg.filterBoard = filterBoard;
})(window.kgPage);
