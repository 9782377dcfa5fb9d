// The decision log: the resolved reports' decisions, the newest first (one line per
// decision, however many reports it closed), and lifting a suspension, from a line of the
// log or by username.
import { graphql } from "../api.js";
import { announce, field, formErrorBox, h, listState, onSubmit, showErrors, submitRow, time } from "../dom.js";
import { plural, t } from "../i18n.js";
import { accountOf, ACTION_TEXT, SUBJECT_FIELDS, subjectSummary } from "./moderation-subject.js";

const PAGE = 50;

const LOG = `query ModerationLog($last: Int!, $before: String) {
  moderationQueue(status: RESOLVED, last: $last, before: $before) {
    edges { node { id ${SUBJECT_FIELDS} decisions { action note createdAt moderator { username } } } }
    pageInfo { hasPreviousPage startCursor }
  }
}`;

const LIFT = `mutation LiftSuspension($input: LiftSuspensionInput!) {
  liftSuspension(input: $input) { user { username } errors { field code message } }
}`;

const USER_ID = `query SuspendedUser($username: String!) { user(username: $username) { id username } }`;

async function lift(userId, note) {
  const { liftSuspension: payload } = await graphql(LIFT, { input: { userId, note } });
  return payload;
}

function liftButton(account) {
  const button = h("button", { type: "button", class: "lift-suspension", text: t("Lift the suspension"),
    "aria-label": t("Lift the suspension of {username}", { username: account.username }) });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const payload = await lift(account.id, "");
      const [error] = payload.errors;
      announce(error ? error.message : t("{username} may sign in again.", { username: account.username }));
    } catch (error) {
      announce(error.message);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

// One line per decision: a decision closing several reports on a subject is one line.
function decisions(edges) {
  const lines = new Map();
  for (const { node } of edges) {
    for (const decision of node.decisions) {
      const key = [node.subject ? node.subject.id : node.id, decision.action, decision.createdAt].join(" ");
      const line = lines.get(key) || { ...decision, subject: node.subject, reports: 0 };
      line.reports += 1;
      lines.set(key, line);
    }
  }
  return [...lines.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

function logLine(line) {
  const account = accountOf(line.subject);
  return h(
    "li",
    { class: "decision", "data-action": line.action },
    h("p", {}, h("strong", { text: ACTION_TEXT[line.action] }),
      ` ${t("by {username}", { username: line.moderator ? line.moderator.username : t("a former moderator") })} · `,
      time(line.createdAt),
      ` · ${plural(line.reports, "{count} report", "{count} reports")}`),
    subjectSummary(line.subject),
    line.note ? h("p", { class: "note", text: t("Note: {note}", { note: line.note }) }) : null,
    line.action === "SUSPEND_USER" && account ? liftButton(account) : null,
  );
}

function liftForm() {
  const form = h(
    "form",
    { id: "lift-form", class: "stacked", "aria-labelledby": "lift-title", novalidate: true },
    h("h3", { id: "lift-title", text: t("Lift a suspension") }),
    formErrorBox(),
    field(t("Username"), { name: "username", id: "lift-username", required: true, autocomplete: "off" }),
    field(t("Note for the log"), { name: "note", id: "lift-note", rows: 2, maxlength: 1000 }, "textarea"),
    submitRow(t("Lift the suspension")),
  );
  onSubmit(form, async ({ username, note }) => {
    const { user } = await graphql(USER_ID, { username: username.trim() });
    if (!user) return showErrors(form, [{ field: "username", message: t("No one has this username.") }]);
    const payload = await lift(user.id, note);
    // The API names the field `userId`: here it is the username.
    const errors = payload.errors.map((error) => ({ ...error, field: "username" }));
    if (errors.length) return showErrors(form, errors);
    form.reset();
    announce(t("{username} may sign in again.", { username: user.username }));
  });
  return form;
}

export function moderationLogSection() {
  const list = h("ol", { class: "decisions", id: "moderation-log" });
  const state = h("p", { class: "list-state loading", text: t("Loading…") });
  const older = h("button", { type: "button", id: "older-decisions", text: t("Older decisions"), hidden: true });
  let edges = [];
  let before = null;

  async function load({ more = false } = {}) {
    older.disabled = true;
    try {
      const { moderationQueue: page } = await graphql(LOG, { last: PAGE, before: more ? before : null });
      edges = more ? [...page.edges, ...edges] : page.edges;
      before = page.pageInfo.startCursor || (more ? before : null);
      older.hidden = !page.pageInfo.hasPreviousPage;
      list.replaceChildren(...decisions(edges).map(logLine));
      if (list.children.length) listState(state, "done", "");
      else listState(state, "empty", t("No decisions yet."));
    } catch (error) {
      listState(state, "error", t("Could not load the log: {error}", { error: error.message }));
    } finally {
      older.disabled = false;
    }
  }

  older.addEventListener("click", () => load({ more: true }));
  const section = h(
    "section",
    { id: "log-section", "aria-labelledby": "log-title" },
    h("h2", { id: "log-title", text: t("Decisions") }),

    list,
    state,
    older,
    liftForm(),
  );
  return { section, reload: () => load() };
}
