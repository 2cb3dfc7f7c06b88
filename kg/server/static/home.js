// The home page's query editor: a textarea, fetch, and a table. No libraries, no network beyond this server.
"use strict";

const endpoint = "/sparql";

function setStatus(text, isError) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

function termText(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  return term.value;
}

function renderTable(data, target) {
  if (typeof data.boolean === "boolean") {
    const p = document.createElement("p");
    p.textContent = "ASK: " + data.boolean;
    target.appendChild(p);
    return;
  }
  const vars = data.head.vars;
  const rows = data.results.bindings;
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const name of vars) {
    const th = document.createElement("th");
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const name of vars) tr.insertCell().textContent = termText(row[name]);
  }
  const count = document.createElement("p");
  count.textContent = rows.length + (rows.length === 1 ? " row" : " rows");
  target.appendChild(count);
  target.appendChild(table);
}

async function run(query) {
  const accept = document.getElementById("accept").value;
  const target = document.getElementById("result");
  target.replaceChildren();
  setStatus("running…", false);
  const started = performance.now();
  let response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", "Accept": accept },
      body: query,
    });
  } catch (error) {
    setStatus("the endpoint did not answer: " + error, true);
    return;
  }
  const text = await response.text();
  const took = Math.round(performance.now() - started) + " ms";
  if (!response.ok) {
    setStatus(response.status + " " + response.statusText + " (" + took + ")", true);
    const pre = document.createElement("pre");
    pre.className = "error";
    pre.textContent = text;
    target.appendChild(pre);
    return;
  }
  setStatus("done in " + took, false);
  const type = response.headers.get("Content-Type") || "";
  if (type.startsWith("application/sparql-results+json")) {
    renderTable(JSON.parse(text), target);
  } else {
    const pre = document.createElement("pre");
    pre.textContent = text;
    target.appendChild(pre);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const canned = JSON.parse(document.getElementById("canned-data").textContent);
  const textarea = document.getElementById("query");
  document.getElementById("query-form").addEventListener("submit", (event) => {
    event.preventDefault();
    run(textarea.value);
  });
  for (const button of document.querySelectorAll("button[data-canned]")) {
    button.addEventListener("click", () => {
      const query = canned[button.dataset.canned];
      textarea.value = query;
      document.getElementById("accept").value = /^\s*(CONSTRUCT|DESCRIBE)\b/im.test(query.replace(/#[^\n]*/g, ""))
        ? "text/turtle" : "application/sparql-results+json";
      document.getElementById("editor").scrollIntoView();
      run(query);
    });
  }
});
