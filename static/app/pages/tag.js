// "/tags/<name>": the images carrying one tag, newest first (infinite scroll, live likes).
import { graphql } from "../api.js";
import { card, CARD_FIELDS } from "../components/cards.js";
import { liveImages } from "../components/likes.js";
import { pagedList } from "../components/paged-list.js";
import { h, heading } from "../dom.js";
import { t } from "../i18n.js";

const PAGE_SIZE = 12;

const TAGGED = `query Tagged($tag: String!, $first: Int!, $after: String) {
  images(tag: $tag, first: $first, after: $after) {
    edges { node { ${CARD_FIELDS} } } pageInfo { hasNextPage endCursor }
  }
}`;

export default function tagPage(view, params) {
  const name = params.name.replace(/^#/, "").toLowerCase();
  const list = h("ul", { class: "grid", id: "tagged-images", "aria-label": t("Images tagged {tag}", { tag: name }) });
  const end = h("p", { class: "list-state" });
  const live = liveImages();
  view.append(heading(`#${name}`), list, end);
  const pages = pagedList({
    list,
    end,
    fetchPage: async (after) =>
      (await graphql(TAGGED, { tag: name, first: PAGE_SIZE, after })).images,
    render: (image) => card(image, live),
    emptyText: t("No images are tagged {tag} yet.", { tag: name }),
  });
  return () => {
    pages.dispose();
    live.dispose();
  };
}
