// The open reports, the oldest first, one card per subject: what it is, its reports and
// their count, and the decision (dismiss, hide, suspend) with a note for the log.
import { graphql } from "../api.js";
import { announce, choices, field, formErrorBox, h, listState, onSubmit, showErrors, submitRow, time } from "../dom.js";
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
  { value: "DISMISS", label: "Dismiss", hint: "Nothing breaks the rules: the reports are closed." },
  { value: "HIDE_CONTENT", label: "Hide", hint: "Only its poster and staff see it from now on." },
  { value: "SUSPEND_USER", label: "Suspend the account", hint: "They cannot sign in; what they posted is absent until it is lifted." },
];

function reportItem(report) {
  return h(
    "li",
    { class: "report-item" },
    h("p", {}, h("strong", { text: REASONS.find((reason) => reason.value === report.reason).label }), " · reported by ",
      report.reporter ? report.reporter.username : "someone gone", " · ", time(report.createdAt)),
    report.comment ? h("p", { class: "comment-text", text: report.comment }) : null,
  );
}

function countText(count) {
  return `${count} open report${count === 1 ? "" : "s"}`;
}

function decisionForm(report, onDecided) {
  const prefix = `decide-${report.id.replace(/[^A-Za-z0-9]/g, "")}`;
  // A person cannot be hidden: only the other two apply to them.
  const person = report.subject && report.subject.__typename === "User";
  const form = h(
    "form",
    { class: "stacked decide-form", "aria-label": "Decide", novalidate: true },
    formErrorBox(),
    choices({
      legend: "Decision",
      name: "action",
      options: ACTIONS.filter((action) => !(person && action.value === "HIDE_CONTENT")),
      checked: "DISMISS",
      prefix,
    }),
    field("Note for the log", { name: "note", id: `${prefix}-note`, rows: 2, maxlength: 1000 }, "textarea"),
    submitRow("Decide"),
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
  const state = h("p", { class: "list-state loading", text: "Loading…" });
  const more = h("button", { type: "button", id: "more-reports", text: "More reports", hidden: true });
  const total = h("span", { id: "queue-count" });
  const shown = new Set();
  let after = null;

  function decided(card, action) {
    card.remove();
    if (!list.children.length) listState(state, "empty", "Nothing to decide: the queue is empty.");
    announce(`Decided: ${ACTIONS.find((each) => each.value === action).label.toLowerCase()}. The reporters are told.`);
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
      else listState(state, "empty", "Nothing to decide: the queue is empty.");
    } catch (error) {
      state.hidden = false;
      listState(state, "error", `Could not load the queue: ${error.message}`);
      throw error;
    } finally {
      more.disabled = false;
    }
  }

  more.addEventListener("click", () => load().catch(() => {}));
  const section = h(
    "section",
    { id: "queue-section", "aria-labelledby": "queue-title" },
    h("h2", { id: "queue-title" }, "Queue ", h("span", { class: "hint" }, "(", total, ")")),
    list,
    state,
    more,
  );
  return { section, load };
}
