// What the poster of an image can do on its page: change its title, description, tags and
// who may see it, or delete it.
import { graphql } from "../api.js";
import { announce, field, formErrorBox, h, onSubmit, showErrors, submitRow } from "../dom.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";
import { userPath } from "./cards.js";
import { parseTags, tagsField } from "./tags.js";
import { visibilityChoice } from "./visibility.js";

const UPDATE = `mutation UpdateImage($input: UpdateImageInput!) {
  updateImage(input: $input) {
    image { id title description visibility tags } errors { field code message }
  }
}`;

const DELETE = `mutation DeleteImage($id: ID!) {
  deleteImage(input: {id: $id}) { deletedId errors { field code message } }
}`;

// `onSaved(image)` hears the new title, description, visibility and tags.
export function ownerTools(image, onSaved) {
  const form = h(
    "form",
    {
      id: "edit-image-form",
      class: "stacked",
      "aria-label": t("Edit the image"),
      hidden: true,
      novalidate: true,
    },
    formErrorBox(),
    field(t("Title"), { name: "title", value: image.title, required: true, maxlength: 200 }),
    field(t("Description"), { name: "description", rows: 4, maxlength: 5000 }, "textarea"),
    tagsField("edit-tags", image.tags),
    visibilityChoice("edit-visibility", image.visibility),
    submitRow(
      t("Save"),
      h("button", { type: "button", text: t("Cancel"), onclick: () => toggle(false) }),
    ),
  );
  form.querySelector("textarea").value = image.description;
  const edit = h("button", { type: "button", id: "edit-image", text: t("Edit") });
  const toggle = (open) => {
    form.hidden = !open;
    edit.setAttribute("aria-expanded", String(open));
    if (open) form.querySelector("input").focus();
    else edit.focus();
  };
  edit.setAttribute("aria-expanded", "false");
  edit.setAttribute("aria-controls", "edit-image-form");
  edit.addEventListener("click", () => toggle(form.hidden));
  onSubmit(form, async ({ title, description, visibility, tags }) => {
    const { updateImage: payload } = await graphql(UPDATE, {
      input: { id: image.id, title, description, visibility, tags: parseTags(tags) },
    });
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    onSaved(payload.image);
    toggle(false);
    announce(t("Your changes are saved."));
  });
  return h(
    "div",
    { class: "owner-tools" },
    h("p", { class: "actions" }, edit, deleteButton(image)),
    form,
  );
}

function deleteButton(image) {
  const dialog = h("dialog", { id: "delete-image-dialog", "aria-labelledby": "delete-image-title" });
  const form = h(
    "form",
    { class: "stacked" },
    h("h2", { id: "delete-image-title", text: t("Delete this image?") }),
    h("p", { text: t("It goes with its likes and its activity. This cannot be undone.") }),
    formErrorBox(),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "submit", class: "danger", text: t("Delete the image") }),
      h("button", { type: "button", text: t("Cancel"), onclick: () => dialog.close() }),
    ),
  );
  dialog.append(form);
  onSubmit(form, async () => {
    const { deleteImage: payload } = await graphql(DELETE, { id: image.id });
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    dialog.close();
    await navigate(userPath(image.postedBy.username), { replace: true });
    announce(t("“{title}” is deleted.", { title: image.title }));
  });
  return h(
    "span",
    {},
    h("button", {
      type: "button",
      id: "delete-image",
      class: "danger",
      text: t("Delete"),

      onclick: () => dialog.showModal(),
    }),
    dialog,
  );
}
