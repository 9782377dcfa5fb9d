// "/upload": post an image from a file (drop area and preview) or from a web address,
// with a title, a description, tags and who may see it; the payload's errors shown on their fields. The new
// image's page opens once it is saved.
import { graphql } from "../api.js";
import { imagePath } from "../components/cards.js";
import { fileDrop } from "../components/file-drop.js";
import { parseTags, tagsField } from "../components/tags.js";
import { visibilityChoice } from "../components/visibility.js";
import {
  announce,
  field,
  formErrorBox,
  h,
  nodes,
  heading,
  onSubmit,
  showErrors,
  signInFirst,
  submitRow,
} from "../dom.js";
import { navigate } from "../router.js";
import { signedIn } from "../session.js";
import { t } from "../i18n.js";

const UPLOAD = `mutation Upload($input: UploadImageInput!) {
  uploadImage(input: $input) { image { id slug title } errors { field code message } }
}`;

const BOOKMARK = `mutation Bookmark($input: BookmarkImageInput!) {
  bookmarkImage(input: $input) { image { id slug title } errors { field code message } }
}`;

async function posted(image) {
  await navigate(imagePath(image));
  announce(t("“{title}” is posted.", { title: image.title }));
}

// Title, description, tags and visibility, with ids of their own per form.
function describe(prefix) {
  return [
    field(t("Title"), { name: "title", id: `${prefix}-title`, required: true, maxlength: 200 }),
    field(t("Description (optional)"),
      { name: "description", id: `${prefix}-description`, rows: 3, maxlength: 5000 },
      "textarea",
    ),
    tagsField(`${prefix}-tags`),
    visibilityChoice(`${prefix}-visibility`),
  ];
}

function fileForm() {
  const file = fileDrop({ name: "file", label: t("Image file") });
  const form = h(
    "form",
    { id: "upload-form", class: "stacked", "aria-labelledby": "from-file", novalidate: true },
    h("h2", { id: "from-file", text: t("From your device") }),
    formErrorBox(),
    file.zone,
    ...describe("upload"),
    submitRow(t("Upload")),
  );
  onSubmit(form, async ({ title, description, visibility, tags }) => {
    const chosen = file.file();
    if (!chosen) {
      showErrors(form, [{ field: "file", message: t("Choose an image file to upload.") }]);
      return;
    }
    const input = { file: null, title, description, visibility, tags: parseTags(tags) };
    const files = { "variables.input.file": chosen };
    const { uploadImage: payload } = await graphql(UPLOAD, { input }, files);
    if (payload.errors.length) showErrors(form, payload.errors);
    else await posted(payload.image);
  });
  return form;
}

function webForm() {
  const form = h(
    "form",
    { id: "bookmark-form", class: "stacked", "aria-labelledby": "from-web", novalidate: true },
    h("h2", { id: "from-web", text: t("From the web") }),
    formErrorBox(),
    field(t("The image's web address"), {
      name: "url",
      id: "bookmark-url",
      type: "url",
      required: true,
      placeholder: "https://…",
    }),
    ...describe("bookmark"),
    submitRow(t("Save")),
    h("p", { class: "hint" }, ...nodes(t("From any page, the {bookmarklet} does the same."), {
      bookmarklet: h("a", { href: "/bookmarklet/", text: t("bookmarklet") }),
    })),
  );
  onSubmit(form, async ({ tags, ...fields }) => {
    const input = { ...fields, tags: parseTags(tags) };
    const { bookmarkImage: payload } = await graphql(BOOKMARK, { input });
    if (payload.errors.length) showErrors(form, payload.errors);
    else await posted(payload.image);
  });
  return form;
}

export default function upload(view) {
  view.append(heading(t("Upload an image")));
  if (!signedIn()) {
    view.append(signInFirst("/upload", t("to upload images")));
    return;
  }
  view.append(h("div", { class: "two-forms" }, fileForm(), webForm()));
  view.append(
    h("p", { class: "hint" }, ...nodes(t("Many links at once? {link}."), {
      link: h("a", { href: "/import", text: t("Import your browser's bookmarks or a CSV") }),
    })),
  );
}
