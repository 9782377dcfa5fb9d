// The "Save" button of an image (its page and its cards) and the board picker it opens:
// one of the viewer's boards, the one chosen last first, or a new board made on the spot.
// The share page opens the same picker for an image not posted yet (openPicker's `post`).
import { graphql } from "../api.js";
import { BOARD_PRIVACY, createBoard, lastBoard, rememberBoard, viewerBoards } from "../boards.js";
import {
  announce,
  choices,
  clearErrors,
  field,
  formErrorBox,
  h,
  onSubmit,
  showErrors,
  submitRow,
} from "../dom.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";
import { currentUsername, signedIn } from "../session.js";

const SAVE_IMAGE = `mutation SaveImage($input: SaveImageInput!) {
  saveImage(input: $input) {
    pin { id board { id name } image { id savesCount } } errors { field code message }
  }
}`;

const NEW_BOARD = "new";

export function saveButton(image) {
  const button = h("button", {
    type: "button",
    class: "save",
    "data-id": image.id,
    "aria-haspopup": "dialog",
  });
  button.append(
    t("Save"),
    h("span", { class: "visually-hidden", text: ` ${t("“{title}” to a board", { title: image.title })}` }),
  );
  button.addEventListener("click", () => openPicker(image, button));
  return button;
}

let picker = null; // one dialog per page, made on first use

function pickerDialog() {
  if (picker && picker.dialog.isConnected) return picker;
  const dialog = h("dialog", { id: "save-dialog", "aria-labelledby": "save-title" });
  const select = h("select", { id: "save-board", name: "boardId" });
  const newBoard = h(
    "div",
    { class: "new-board", id: "save-new-board" },
    field(t("New board's name"), { name: "name", id: "save-board-name", maxlength: 100 }),
    choices({
      legend: t("Board privacy"),
      name: "privacy",
      options: BOARD_PRIVACY,
      checked: "PUBLIC",
      prefix: "save-privacy",
    }),
  );
  const form = h(
    "form",
    { id: "save-form", class: "stacked", novalidate: true },
    h("h2", { id: "save-title", text: t("Save to a board") }),
    h("p", { class: "hint", id: "save-image-title" }),
    formErrorBox(),
    h("p", { class: "field" }, h("label", { for: "save-board", text: t("Board") }), select),
    newBoard,
    field(t("Note (optional)"), { name: "note", id: "save-note", rows: 2, maxlength: 500 }, "textarea"),
    submitRow(t("Save"), h("button", { type: "button", text: t("Cancel"), onclick: () => dialog.close() })),
  );
  select.addEventListener("change", () => {
    newBoard.hidden = select.value !== NEW_BOARD;
  });
  dialog.append(form);
  document.body.append(dialog);
  picker = { dialog, form, select, newBoard, image: null, opener: null, post: null };
  onSubmit(form, (values) => save(values));
  dialog.addEventListener("close", () => picker.opener && picker.opener.focus());
  return picker;
}

// `post()`, when given, posts the image first once a board is chosen: it answers the image
// `{id}`, or null after showing its errors on the picker's form (`pickerForm()`).
export async function openPicker(image, opener, post = null) {
  if (!signedIn()) {
    await navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    announce(t("Sign in to save images to your boards."));
    return;
  }
  const { dialog, form, select, newBoard } = pickerDialog();
  Object.assign(picker, { image, opener, post });
  form.reset();
  clearErrors(form);
  form.querySelector("#save-image-title").textContent = t("“{title}”", { title: image.title });
  select.replaceChildren(h("option", { value: "", text: t("Loading your boards…") }));
  select.disabled = true;
  newBoard.hidden = true;
  dialog.showModal();
  let boards = [];
  try {
    boards = await viewerBoards();
  } catch (error) {
    showErrors(form, [error]);
  }
  const chosen = lastBoard(currentUsername());
  select.replaceChildren(
    ...boards.map((board) =>
      h("option", { value: board.id, text: board.label, selected: board.id === chosen }),
    ),
    h("option", { value: NEW_BOARD, text: t("New board…") }),
  );
  select.disabled = false;
  newBoard.hidden = select.value !== NEW_BOARD;
  (newBoard.hidden ? select : form.querySelector("#save-board-name")).focus();
}

// The board to save to: the one chosen, or a new one (its errors shown on the form).
async function chosenBoard(values) {
  if (values.boardId !== NEW_BOARD) return { id: values.boardId };
  if (!values.name.trim()) {
    showErrors(picker.form, [{ field: "name", message: t("Give the new board a name.") }]);
    return null;
  }
  const payload = await createBoard({ name: values.name, privacy: values.privacy });
  if (payload.errors.length) {
    showErrors(picker.form, payload.errors);
    return null;
  }
  return payload.board;
}

export function pickerForm() {
  return picker && picker.form;
}

async function save(values) {
  const board = await chosenBoard(values);
  if (!board) return;
  const image = picker.post ? await picker.post() : picker.image;
  if (!image) return;
  const { saveImage: payload } = await graphql(SAVE_IMAGE, {
    input: { imageId: image.id, boardId: board.id, note: values.note },
  });
  if (payload.errors.length) {
    showErrors(picker.form, payload.errors);
    return;
  }
  rememberBoard(currentUsername(), payload.pin.board.id);
  picker.dialog.close();
  document.dispatchEvent(new CustomEvent("pinmark:image-saved", { detail: payload.pin }));
  announce(t("Saved to {board}.", { board: payload.pin.board.name }));

}
