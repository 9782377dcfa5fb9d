// The form that creates a board or changes one: name, description and privacy, with the
// payload's errors on their fields.
import { BOARD_PRIVACY } from "../boards.js";
import { choices, field, formErrorBox, h, onSubmit, submitRow } from "../dom.js";
import { t } from "../i18n.js";

// `send(values)` runs on submit with {name, description, privacy}; `board` fills the form.
export function boardForm({ id, label, submitText, board = null, send, cancel = null }) {
  const form = h(
    "form",
    { id, class: "stacked", "aria-label": label, novalidate: true },
    formErrorBox(),
    field(t("Name"), {
      name: "name",
      id: `${id}-name`,
      required: true,
      maxlength: 100,
      value: board ? board.name : null,
    }),
    field(
      t("Description (optional)"),
      { name: "description", id: `${id}-description`, rows: 3, maxlength: 500 },
      "textarea",
    ),
    choices({
      legend: t("Privacy"),
      name: "privacy",
      options: BOARD_PRIVACY,
      checked: board ? board.privacy : "PUBLIC",
      prefix: `${id}-privacy`,
    }),
    submitRow(submitText, cancel && h("button", { type: "button", text: t("Cancel"), onclick: cancel })),

  );
  form.querySelector("textarea").value = board ? board.description : "";
  onSubmit(form, send);
  return form;
}
