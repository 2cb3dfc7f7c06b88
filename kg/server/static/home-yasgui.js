// The home page's query editor when YASGUI is installed: YASGUI on this endpoint, with kg's prefixes and
// completion of kg's classes and properties from the page itself (YASGUI's own completion asks a web
// service; kg never reaches the network). The canned queries' buttons load a query into YASGUI and run it.
"use strict";

function readJson(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

function kgCompleters(Yasqe, settings) {
  const prefixes = Object.entries(settings.prefixes).map(([name, iri]) => name + ": <" + iri + ">");
  // Forks keep each completer's sense of where a term may go, and swap where the terms come from.
  Yasqe.forkAutocompleter("prefixes", { name: "kg-prefixes", persistenceId: null, get: () => prefixes }, false);
  Yasqe.forkAutocompleter("property", { name: "kg-property", bulk: true, persistenceId: null, get: () => settings.properties }, false);
  Yasqe.forkAutocompleter("class", { name: "kg-class", bulk: true, persistenceId: null, get: () => settings.classes }, false);
  Yasqe.defaults.autocompleters = ["kg-prefixes", "variables", "kg-property", "kg-class"];
}

document.addEventListener("DOMContentLoaded", () => {
  const settings = readJson("editor-data");
  const canned = readJson("canned-data");
  const Yasqe = window.Yasgui.Yasqe;
  kgCompleters(Yasqe, settings);
  Yasqe.defaults.value = settings.query;
  const yasgui = new window.Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: settings.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    autofocus: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: settings.endpoint }] },
  });
  window.kgYasgui = yasgui; // for the console, and for tests
  for (const button of document.querySelectorAll("button[data-canned]")) {
    button.addEventListener("click", () => {
      const tab = yasgui.getTab();
      tab.setQuery(canned[button.dataset.canned]);
      document.getElementById("editor").scrollIntoView();
      tab.getYasqe().query();
    });
  }
});
