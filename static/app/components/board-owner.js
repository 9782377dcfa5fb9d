// What a board's owner can do: create a board (on their page), change its name,
// description and privacy, or delete it (its pins go, the images stay).
import { graphql } from "../api.js";
import { createBoard } from "../boards.js";
import { announce, formErrorBox, h, onSubmit, showErrors } from "../dom.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";
import { boardForm } from "./board-form.js";
import { boardPath } from "./board-cards.js";
import { userPath } from "./cards.js";

const UPDATE_BOARD = `mutation UpdateBoard($input: UpdateBoardInput!) {
  updateBoard(input: $input) {
    board { id name slug description privacy owner { username } } errors { field code message }
  }
}`;

const DELETE_BOARD = `mutation DeleteBoard($id: ID!) {
  deleteBoard(input: {id: $id}) { deletedId errors { field code message } }
}`;

// A button that opens a form (aria-expanded); focus moves into it, and back on cancel.
function disclosure(button, form) {
  const toggle = (open) => {
    form.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (open) form.querySelector("input").focus();
    else button.focus();
  };
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", form.id);
  button.addEventListener("click", () => toggle(form.hidden));
  form.hidden = true;
  return toggle;
}

// "New board" on one's own page: the board's page opens once it is made.
export function newBoard() {
  const button = h("button", { type: "button", id: "new-board", class: "primary", text: t("New board") });
  const form = boardForm({
    id: "new-board-form",
    label: t("New board"),
    submitText: t("Create the board"),
    cancel: () => toggle(false),
    send: async (values) => {
      const payload = await createBoard(values);
      if (payload.errors.length) {
        showErrors(form, payload.errors);
        return;
      }
      await navigate(boardPath(payload.board));
      announce(t("The board “{name}” is created.", { name: payload.board.name }));
    },
  });
  const toggle = disclosure(button, form);
  return h("div", { class: "new-board-tools" }, h("p", { class: "actions" }, button), form);
}

// Edit and Delete on a board's page; `onSaved(board)` hears the changes.
export function boardOwnerTools(board, onSaved) {
  const edit = h("button", { type: "button", id: "edit-board", text: t("Edit the board") });
  const form = boardForm({
    id: "edit-board-form",
    label: t("Edit the board"),
    submitText: t("Save"),
    board,
    cancel: () => toggle(false),
    send: async ({ name, description, privacy }) => {
      const { updateBoard: payload } = await graphql(UPDATE_BOARD, {
        input: { id: board.id, name, description, privacy },
      });
      if (payload.errors.length) {
        showErrors(form, payload.errors);
        return;
      }
      toggle(false);
      onSaved(payload.board);
      announce(t("The board is saved."));
    },
  });
  const toggle = disclosure(edit, form);
  return h("div", { class: "owner-tools" }, h("p", { class: "actions" }, edit, deleteButton(board)), form);
}

function deleteButton(board) {
  const dialog = h("dialog", { id: "delete-board-dialog", "aria-labelledby": "delete-board-title" });
  const form = h(
    "form",
    { class: "stacked" },
    h("h2", { id: "delete-board-title", text: t("Delete this board?") }),
    h("p", { text: t("Its pins go; the images stay where they are. This cannot be undone.") }),
    formErrorBox(),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "submit", class: "danger", text: t("Delete the board") }),
      h("button", { type: "button", text: t("Cancel"), onclick: () => dialog.close() }),
    ),
  );
  dialog.append(form);
  onSubmit(form, async () => {
    const { deleteBoard: payload } = await graphql(DELETE_BOARD, { id: board.id });
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    dialog.close();
    await navigate(`${userPath(board.owner.username)}?tab=boards`, { replace: true });
    announce(t("The board “{name}” is deleted.", { name: board.name }));
  });
  const open = h("button", {
    type: "button",
    id: "delete-board",
    class: "danger",
    text: t("Delete"),

    onclick: () => dialog.showModal(),
  });
  return h("span", {}, open, dialog);
}
