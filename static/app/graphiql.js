// Starts GraphiQL on /graphql from the vendored UMD builds (static/vendor/graphiql/).
// Settings come from the page's JSON block: the page runs no inline script.
(function () {
  "use strict";

  var settings = JSON.parse(document.getElementById("graphiql-settings").textContent);

  // Radix's dialogs add a <style> element while open (scroll lock); it carries this
  // nonce, which the page's Content-Security-Policy allows for styles only.
  window.__webpack_nonce__ = settings.styleNonce;

  function subscriptionUrl() {
    var scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    return scheme + "//" + window.location.host + settings.url;
  }

  // A link may carry ?query=...&variables=...&operationName=... (as GraphiQL links do).
  var linked = new URLSearchParams(window.location.search);

  // Subscriptions go over graphql-ws (graphql-transport-ws) to the same path; the Headers
  // tab's headers travel as the connection_init payload.
  var fetcher = GraphiQL.createFetcher({
    url: settings.url,
    subscriptionUrl: subscriptionUrl(),
  });

  var props = {
    fetcher: fetcher,
    plugins: [GraphiQLPluginExplorer.explorerPlugin()],
    defaultQuery: window.PINMARK_GRAPHIQL_EXAMPLE,
    defaultEditorToolsVisibility: true,
    isHeadersEditorEnabled: settings.headerEditorEnabled,
    shouldPersistHeaders: settings.shouldPersistHeaders,
    inputValueDeprecation: settings.inputValueDeprecation,
  };
  if (linked.has("query")) {
    props.query = linked.get("query");
  }
  if (linked.has("variables")) {
    props.variables = linked.get("variables");
  }
  if (linked.has("operationName")) {
    props.operationName = linked.get("operationName");
  }

  var root = document.getElementById("graphiql");
  root.textContent = "";
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
})();
