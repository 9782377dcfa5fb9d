// "/share": what another app shared to the installed app (the manifest's share target).
// The server kept it under `?key=…` (frontend/share_target.py); here it is shown, and once
// signed in (the sign-in page comes back here) the person picks a board in the save picker:
// the image is uploaded (uploadImage) or its address bookmarked (bookmarkImage), then
// saved to that board, and its page opens. `?error=CODE` is a share the server refused.
import { graphql } from "../api.js";
import { imagePath } from "../components/cards.js";
import { openPicker, pickerForm } from "../components/save-to-board.js";
import {
  announce,
  failure,
  field,
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

const UPLOAD = `mutation ShareUpload($input: UploadImageInput!) {
  uploadImage(input: $input) { image { id slug title } errors { field code message } }
}`;

const BOOKMARK = `mutation ShareBookmark($input: BookmarkImageInput!) {
  bookmarkImage(input: $input) { image { id slug title } errors { field code message } }
}`;

const REFUSED = {
  CROSS_SITE: t("Another site tried to share to Pinmark; nothing was kept."),
  TOO_LARGE: t("The shared image is too large; nothing was kept."),
  NOT_AN_IMAGE: t("What was shared is not an image Pinmark takes (JPEG, PNG, GIF or WebP)."),
  NOTHING_SHARED: t("Nothing to save was shared: no image and no link."),
  MALFORMED: t("The share could not be read; nothing was kept."),
  UNAVAILABLE: t("Pinmark cannot keep shares just now. Try again in a moment."),
};
const GONE = t("This share has expired or was saved already. Share it again from the other app.");

const sharedAddress = (key) => `/shares/${encodeURIComponent(key)}`;

async function fetchShare(key) {
  const response = await fetch(sharedAddress(key), { headers: { Accept: "application/json" } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(REFUSED.UNAVAILABLE);
  return response.json();
}

async function sharedFile(key, share) {
  const response = await fetch(`${sharedAddress(key)}/image`);
  if (!response.ok) throw new Error(GONE);
  const blob = await response.blob();
  return new File([blob], "shared", { type: share.imageType });
}

function preview(key, share) {
  if (share.image) {
    return h("img", { id: "share-preview", src: `${sharedAddress(key)}/image`, alt: t("The shared image") });
  }
  const link = { id: "share-link", href: share.url, rel: "noreferrer noopener", text: share.url };
  return h("p", {}, ...nodes(t("Shared link: {link}"), { link: h("a", link) }));
}

// Posts the shared image once (a second board choice after an error reuses it).
function poster(key, share, titleInput) {
  let posted = null;
  return async () => {
    if (posted) return posted;
    const input = { title: titleInput.value.trim() || t("Shared image"), description: share.text };
    let payload;
    if (share.image) {
      const files = { "variables.input.file": await sharedFile(key, share) };
      ({ uploadImage: payload } = await graphql(UPLOAD, { input: { ...input, file: null } }, files));
    } else {
      ({ bookmarkImage: payload } = await graphql(BOOKMARK, { input: { ...input, url: share.url } }));
    }
    if (payload.errors.length) {
      showErrors(pickerForm(), payload.errors);
      return null;
    }
    posted = payload.image;
    return posted;
  };
}

function saveForm(key, share) {
  const form = h(
    "form",
    { id: "share-form", class: "stacked", novalidate: true },
    field(t("Title"), { name: "title", id: "share-title", maxlength: 200, value: share.title || "" }),
    submitRow(t("Choose a board and save")),
  );
  const post = poster(key, share, form.elements.title);
  const saved = async () => {
    document.removeEventListener("pinmark:image-saved", saved);
    const image = await post();
    await fetch(sharedAddress(key), { method: "DELETE" });
    await navigate(imagePath(image));
    announce(t("“{title}” is saved.", { title: image.title }));
  };
  onSubmit(form, async () => {
    document.removeEventListener("pinmark:image-saved", saved);
    document.addEventListener("pinmark:image-saved", saved);
    const title = form.elements.title.value.trim() || t("Shared image");
    await openPicker({ title }, form.querySelector("[type=submit]"), post);
  });
  return { form, end: () => document.removeEventListener("pinmark:image-saved", saved) };
}

function explain(view) {
  view.append(
    h("p", {}, ...nodes(
      t("Install Pinmark from your browser's menu, then share images and links to it from other apps. {link}."),
      { link: h("a", { href: "/upload", text: t("Or upload an image here") }) },
    )),
  );
}

export default async function share(view, params, query) {
  view.append(heading(t("Save a shared image")));
  const key = query.get("key");
  if (query.get("error")) {
    view.append(failure(REFUSED[query.get("error")] || REFUSED.MALFORMED));
    return explain(view);
  }
  if (!key) return explain(view);
  let found;
  try {
    found = await fetchShare(key);
  } catch (error) {
    view.append(failure(error.message));
    return;
  }
  if (!found) {
    view.append(failure(GONE));
    return;
  }
  view.append(h("section", { class: "narrow share" }, preview(key, found)));
  if (!signedIn()) {
    view.append(signInFirst(`/share?key=${encodeURIComponent(key)}`, t("to save it to one of your boards")));
    return;
  }
  const { form, end } = saveForm(key, found);
  view.append(form);
  return end;
}
