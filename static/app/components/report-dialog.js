// Reporting an image, a comment or a person to the moderators: a small dialog with the
// reason and a comment. One dialog per page, made on first use.
import { graphql } from "../api.js";
import { announce, clearErrors, field, formErrorBox, h, onSubmit, showErrors, submitRow } from "../dom.js";
import { t } from "../i18n.js";

const REPORT = `mutation Report($input: ReportInput!) {
  report(input: $input) { report { id status } errors { field code message } }
}`;

// The API's ReportReason, as a person reads it.
export const REASONS = [
  { value: "SPAM", label: t("Spam, scams or advertising") },
  { value: "HARASSMENT", label: t("Harassment or threats") },
  { value: "NUDITY", label: t("Nudity or sexual content") },
  { value: "VIOLENCE", label: t("Violence or gore") },
  { value: "COPYRIGHT", label: t("Someone else's work") },
  { value: "OTHER", label: t("Something else") },
];

const COMMENT_LENGTH = 1000;

let dialog = null;

function reportDialog() {
  if (dialog && dialog.node.isConnected) return dialog;
  const node = h("dialog", { id: "report-dialog", "aria-labelledby": "report-title" });
  const reason = h(
    "select",
    { id: "report-reason", name: "reason", required: true },
    ...REASONS.map(({ value, label }) => h("option", { value, text: label })),
  );
  const form = h(
    "form",
    { id: "report-form", class: "stacked", novalidate: true },
    h("h2", { id: "report-title", text: t("Report") }),
    h("p", { class: "hint", id: "report-subject" }),
    formErrorBox(),
    h("p", { class: "field" }, h("label", { for: "report-reason", text: t("Why") }), reason),
    field(
      t("What the moderators should know (optional)"),
      { name: "comment", id: "report-comment", rows: 3, maxlength: COMMENT_LENGTH },
      "textarea",
    ),
    submitRow(t("Send the report"), h("button", { type: "button", text: t("Cancel"), onclick: () => node.close() })),
  );
  node.append(form);
  document.body.append(node);
  dialog = { node, form, subject: null, opener: null };
  onSubmit(form, send);
  node.addEventListener("close", () => dialog.opener && dialog.opener.focus());
  return dialog;
}

async function send({ reason, comment }) {
  const { report: payload } = await graphql(REPORT, {
    input: { subjectId: dialog.subject.id, reason, comment },
  });
  if (payload.errors.length) {
    // The API names `subjectId` for a subject that is gone: the message says it.
    showErrors(dialog.form, payload.errors);
    return;
  }
  dialog.node.close();
  announce(t("Thank you: the moderators will look at {name}.", { name: dialog.subject.name }));
}

// `subject` is `{id, name}`: the global ID of an Image, a Comment or a User, and how the
// dialog names it ("this image", "bob").
export function openReport(subject, opener) {
  const { node, form } = reportDialog();
  Object.assign(dialog, { subject, opener });
  form.reset();
  clearErrors(form);
  form.querySelector("#report-title").textContent = t("Report {name}", { name: subject.name });
  form.querySelector("#report-subject").textContent = t(
    "The moderators read every report. Nobody else is told who sent it.",
  );

  node.showModal();
  form.querySelector("#report-reason").focus();
}
