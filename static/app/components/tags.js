// An image's tags: chips linking to their pages (/tags/<name>), and the field that edits
// them (words separated by spaces or commas; the API normalises each, see docs/tags.md).
import { field, h } from "../dom.js";
import { t } from "../i18n.js";


export { parseTags } from "../tag-list.js";

export function tagPath(name) {
  return `/tags/${encodeURIComponent(name)}`;
}

export function tagChips(tags) {
  const list = h("ul", { class: "tags", "aria-label": t("Tags") });
  showTags(list, tags);
  return list;
}

export function showTags(list, tags) {
  list.replaceChildren(
    ...tags.map((name) => h("li", {}, h("a", { href: tagPath(name), text: `#${name}` }))),
  );
  list.hidden = !tags.length;
}

// `name` "tags" matches the API's errors (`field: "tags"`).
export function tagsField(id, tags = []) {
  return h(
    "div",
    {},
    field(t("Tags (optional)"), {
      name: "tags",
      id,
      value: tags.join(" "),
      autocomplete: "off",
      "aria-describedby": `${id}-hint`,
    }),
    h("p", {
      class: "hint",
      id: `${id}-hint`,
      text: t("Up to 10, separated by spaces or commas: letters, digits, - and _ (#sea sky)."),

    }),
  );
}
