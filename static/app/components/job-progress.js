// A job's progress, drawn from `Job` and kept current by `jobProgress` (live): its
// status, a progress bar, the counts and, for an import, the links that failed.
import { graphql } from "../api.js";
import { h } from "../dom.js";
import { subscribe } from "../live.js";

// Live messages carry the first 10 failed links (a subscription's cost is capped); the
// list is read again, up to 100, once the job is over.
const JOB_STATE = `id kind status total done failed message resultUrl expiresAt`;
export const JOB_FIELDS = `${JOB_STATE} errors(first: 10) { line url message }`;

const JOB = `query Job($id: ID!) { node(id: $id) { ... on Job {
  ${JOB_STATE} errors(first: 100) { line url message } } } }`;
const JOB_PROGRESS = `subscription JobProgress($id: ID!) { jobProgress(id: $id) { ${JOB_FIELDS} } }`;

const STATUS_TEXT = {
  QUEUED: "Waiting to start…",
  RUNNING: "Working…",
  DONE: "Done.",
  FAILED: "Stopped.",
};

function over(job) {
  return job.status === "DONE" || job.status === "FAILED";
}

function errorList(job) {
  if (!job.errors.length) return null;
  const rows = job.errors.map((error) =>
    h(
      "tr",
      {},
      h("td", { class: "line", text: String(error.line) }),
      h("td", { class: "url" }, h("code", { text: error.url })),
      h("td", { text: error.message }),
    ),
  );
  const more = job.failed > job.errors.length ? ` (the first ${job.errors.length} of ${job.failed})` : "";
  return h(
    "table",
    { class: "job-errors", id: "job-errors" },
    h("caption", { text: `Links that could not be imported${more}` }),
    h("thead", {}, h("tr", {}, h("th", { text: "Line" }), h("th", { text: "Link" }), h("th", { text: "Why" }))),
    h("tbody", {}, ...rows),
  );
}

function draw(panel, job) {
  const finished = job.done + job.failed;
  const counts =
    job.kind === "IMPORT"
      ? `${finished} of ${job.total} links: ${job.done} saved or already there, ${job.failed} failed.`
      : "";
  panel.replaceChildren(
    h("p", { class: "job-status", id: "job-status", role: "status", text: `${STATUS_TEXT[job.status]} ${counts}`.trim() }),
    h("progress", {
      id: "job-bar",
      max: String(Math.max(job.total, 1)),
      value: String(finished),
      "aria-label": "Progress",
    }),
    job.message ? h("p", { class: "form-error", text: job.message }) : "",
    job.resultUrl
      ? h("p", {}, h("a", { id: "job-result", href: job.resultUrl, text: "Download your export" }),
          " (you can download it here for 7 days; reload the page if the link has gone stale).")
      : "",
    errorList(job) || "",
  );
}

// Follow `job` in `panel` until it is over; the last state is read once more at the end.
export function followJob(panel, job) {
  draw(panel, job);
  if (over(job)) return () => {};
  const stop = subscribe(JOB_PROGRESS, { id: job.id }, async ({ jobProgress }) => {
    draw(panel, jobProgress);
    if (over(jobProgress)) {
      stop();
      const { node } = await graphql(JOB, { id: job.id });
      if (node) draw(panel, node);
    }
  });
  // Read it once now too: it may have moved on before the subscription started.
  graphql(JOB, { id: job.id }).then(({ node }) => node && draw(panel, node)).catch(() => {});
  return stop;
}
