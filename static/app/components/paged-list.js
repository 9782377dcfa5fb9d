// A list that loads a connection page by page as its end scrolls into view (infinite
// scroll), saying whether it is loading, empty, failed or complete.
import { h, listState } from "../dom.js";
import { t } from "../i18n.js";

export function pagedList({ list, end, fetchPage, render, emptyText }) {
  const shown = new Set();
  let after = null;
  let hasNext = true;
  let loading = false;
  let disposed = false;

  async function loadNext() {
    if (loading || !hasNext || disposed) return;
    loading = true;
    listState(end, "loading", shown.size ? t("Loading more…") : t("Loading…"));
    try {
      const connection = await fetchPage(after);
      if (disposed) return;
      for (const { node } of connection.edges) {
        if (!node || shown.has(node.id)) continue;
        shown.add(node.id);
        list.append(render(node));
      }
      after = connection.pageInfo.endCursor;
      hasNext = connection.pageInfo.hasNextPage;
      if (!shown.size) listState(end, "empty", emptyText);
      else listState(end, hasNext ? "more" : "done", hasNext ? t("Loading more…") : t("That's all."));
    } catch (error) {
      if (disposed) return;
      listState(end, "error", `${t("Could not load this list: {error}", { error: error.message })} `);
      end.append(h("button", { type: "button", text: t("Try again"), onclick: () => loadNext() }));

    } finally {
      loading = false;
    }
    // A page that does not fill the screen leaves the end in view: keep going.
    if (hasNext && !disposed && end.dataset.state === "more" && inView(end)) loadNext();
  }

  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting) && end.dataset.state !== "error") loadNext();
  });
  observer.observe(end);
  loadNext();

  return {
    dispose() {
      disposed = true;
      observer.disconnect();
    },
  };
}

function inView(node) {
  const box = node.getBoundingClientRect();
  return box.top < window.innerHeight && box.bottom > 0;
}
