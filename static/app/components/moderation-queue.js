// The open reports, the oldest first, one card per subject: what it is, its reports and
// their count, and the decision (dismiss, hide, suspend) with a note for the log.
import { graphql } from "../api.js";
import { announce, choices, field, formErrorBox, h, listState, onSubmit, showErrors, submitRow, time } from "../dom.js";
import { plural, t } from "../i18n.js";
import { SUBJECT_FIELDS, subjectKey, subjectSummary } from "./moderation-subject.js";
import { REASONS } from "./report-dialog.js";

const PAGE = 20;
const REPORT_FIELDS = `id reason comment createdAt reporter { username }`;

export const QUEUE = `query ModerationQueue($first: Int!, $after: String) {
  moderationQueue(status: OPEN, first: $first, after: $after) {
    totalCount
    edges { node {
      ${REPORT_FIELDS} ${SUBJECT_FIELDS}
      subjectReportsCount subjectReports { ${REPORT_FIELDS} }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const RESOLVE = `mutation ResolveReport($input: ResolveReportInput!) {
  resolveReport(input: $input) { report { id status } errors { field code message } }
}`;

const ACTIONS = [
  { value: "DISMISS", label: t("Dismiss"), hint: t("Nothing breaks the rules: the reports are closed."),
    done: t("Decided: dismissed. The reporters are told.") },
  { value: "HIDE_CONTENT", label: t("Hide"), hint: t("Only its poster and staff see it from now on."),
    done: t("Decided: hidden. The reporters are told.") },
  { value: "SUSPEND_USER", label: t("Suspend the account"),
    hint: t("They cannot sign in; what they posted is absent until it is lifted."),
    done: t("Decided: the account is suspended. The reporters are told.") },
];

function reportItem(report) {
  return h(
    "li",
    { class: "report-item" },
    h("p", {}, h("strong", { text: REASONS.find((reason) => reason.value === report.reason).label }),
      ` · ${t("reported by {username}", { username: report.reporter ? report.reporter.username : t("someone gone") })} · `,
      time(report.createdAt)),
    report.comment ? h("p", { class: "comment-text", text: report.comment }) : null,
  );
}

function countText(count) {
  return plural(count, "{count} open report", "{count} open reports");
}

function decisionForm(report, onDecided) {
  const prefix = `decide-${report.id.replace(/[^A-Za-z0-9]/g, "")}`;
  // A person cannot be hidden: only the other two apply to them.
  const person = report.subject && report.subject.__typename === "User";
  const form = h(
    "form",
    { class: "stacked decide-form", "aria-label": t("Decide"), novalidate: true },
    formErrorBox(),
    choices({
      legend: t("Decision"),
      name: "action",
      options: ACTIONS.filter((action) => !(person && action.value === "HIDE_CONTENT")),
      checked: "DISMISS",
      prefix,
    }),
    field(t("Note for the log"), { name: "note", id: `${prefix}-note`, rows: 2, maxlength: 1000 }, "textarea"),
    submitRow(t("Decide")),
  );
  onSubmit(form, async ({ action, note }) => {
    const { resolveReport: payload } = await graphql(RESOLVE, { input: { id: report.id, action, note } });
    if (payload.errors.length) return showErrors(form, payload.errors);
    onDecided(action);
  });
  return form;
}

function subjectCard(report, onDecided) {
  const reports = report.subjectReports || [report];
  const card = h(
    "li",
    { class: "queue-subject", "data-subject": report.subject ? report.subject.id : "" },
    subjectSummary(report.subject),
    h("p", { class: "count", text: countText(report.subjectReportsCount || reports.length) }),
    h("ul", { class: "reports" }, ...reports.map(reportItem)),
  );
  card.append(decisionForm(report, (action) => onDecided(card, action)));
  return card;
}

// `onDecided()` hears each decision (the log reloads). Returns the section.
export function queueSection(onDecided) {
  const list = h("ol", { class: "queue", id: "moderation-queue" });
  const state = h("p", { class: "list-state loading", text: t("Loading…") });
  const more = h("button", { type: "button", id: "more-reports", text: t("More reports"), hidden: true });
  const total = h("span", { id: "queue-count" });
  const shown = new Set();
  let after = null;

  function decided(card, action) {
    card.remove();
    if (!list.children.length) listState(state, "empty", t("Nothing to decide: the queue is empty."));
    announce(ACTIONS.find((each) => each.value === action).done);
    onDecided();
  }

  async function load() {
    more.disabled = true;
    try {
      const { moderationQueue: page } = await graphql(QUEUE, { first: PAGE, after });
      total.textContent = countText(page.totalCount);
      for (const { node } of page.edges) {
        // Later reports on a subject shown already are listed in its card.
        if (shown.has(subjectKey(node))) continue;
        shown.add(subjectKey(node));
        list.append(subjectCard(node, decided));
      }
      after = page.pageInfo.endCursor || after;
      more.hidden = !page.pageInfo.hasNextPage;
      if (list.children.length) state.hidden = true;
      else listState(state, "empty", t("Nothing to decide: the queue is empty."));
    } catch (error) {
      state.hidden = false;
      listState(state, "error", t("Could not load the queue: {error}", { error: error.message }));
      throw error;
    } finally {
      more.disabled = false;
    }
  }

  more.addEventListener("click", () => load().catch(() => {}));
  const section = h(
    "section",
    { id: "queue-section", "aria-labelledby": "queue-title" },
    h("h2", { id: "queue-title" }, `${t("Queue")} `, h("span", { class: "hint" }, "(", total, ")")),

    list,
    state,
    more,
  );
  return { section, load };
}
