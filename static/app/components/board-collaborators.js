// The people who share a board with its owner (they add and remove pins, and see it when
// it is secret): listed for everyone who sees the board; the owner adds and removes them.
import { graphql } from "../api.js";
import { announce, field, formErrorBox, h, onSubmit, showErrors, submitRow } from "../dom.js";
import { t } from "../i18n.js";
import { avatar, AVATAR_FIELDS } from "./avatar.js";
import { userPath } from "./cards.js";

export const COLLABORATOR_FIELDS = `collaborators { id ${AVATAR_FIELDS} }`;

const ADD = `mutation AddCollaborator($input: AddBoardCollaboratorInput!) {
  addBoardCollaborator(input: $input) {
    board { id ${COLLABORATOR_FIELDS} } errors { field code message }
  }
}`;

const REMOVE = `mutation RemoveCollaborator($input: RemoveBoardCollaboratorInput!) {
  removeBoardCollaborator(input: $input) {
    board { id ${COLLABORATOR_FIELDS} } errors { field code message }
  }
}`;

// `board` with its owner and collaborators; `isOwner`: the viewer may change them.
export function collaboratorsSection(board, isOwner) {
  const list = h("ul", { class: "people collaborators", id: "collaborators" });
  const empty = h("p", { class: "hint", id: "no-collaborators", text: t("Nobody yet.") });
  const show = (people) => {
    list.replaceChildren(...people.map((person) => row(person)));
    empty.hidden = people.length > 0;
  };
  const row = (person) =>
    h(
      "li",
      { class: "person", "data-username": person.username },
      avatar(person, 32),
      h("a", { class: "who", href: userPath(person.username), text: person.username }),
      isOwner ? removeButton(person) : null,
    );
  const removeButton = (person) =>
    h("button", {
      type: "button",
      class: "remove-collaborator",
      "aria-label": t("Remove {username} from this board", { username: person.username }),
      text: t("Remove"),
      onclick: async (event) => {
        const button = event.currentTarget;
        button.disabled = true;
        const done = await change(REMOVE, "removeBoardCollaborator", person.username, null);
        if (done) announce(t("{username} no longer shares this board.", { username: person.username }));
        else button.disabled = false;
      },
    });
  // Errors show on `errorsForm` when given, else in the status line.
  const change = async (mutation, name, username, errorsForm) => {
    try {
      const data = await graphql(mutation, { input: { boardId: board.id, username } });
      const payload = data[name];
      if (payload.errors.length) {
        if (errorsForm) showErrors(errorsForm, payload.errors);
        else announce(payload.errors[0].message);
        return false;
      }
      show(payload.board.collaborators);
      return true;
    } catch (error) {
      announce(error.message);
      return false;
    }
  };
  const form = isOwner ? addForm(async ({ username }) => {
    if (await change(ADD, "addBoardCollaborator", username.trim(), form)) {
      form.reset();
      announce(t("{username} now shares this board.", { username: username.trim() }));
    }
  }) : null;
  show(board.collaborators);
  if (!isOwner && !board.collaborators.length) return null;
  return h(
    "section",
    { class: "collaborators-section", "aria-labelledby": "collaborators-title" },
    h("h2", { id: "collaborators-title", text: t("Shared with") }),
    list,
    isOwner ? empty : null,
    form,
  );
}

function addForm(send) {
  const form = h(
    "form",
    {
      id: "add-collaborator-form",
      class: "stacked",
      "aria-label": t("Add a person"),
      novalidate: true,
    },
    formErrorBox(),
    field(t("Add a person by username"), {
      name: "username",
      id: "collaborator-username",
      required: true,
      autocomplete: "off",
    }),
    submitRow(t("Add")),

  );
  onSubmit(form, send);
  return form;
}
