// A job's progress, drawn from `Job` and kept current by `jobProgress` (live): its
// status, a progress bar, the counts and, for an import, the links that failed.
import { graphql } from "../api.js";
import { h } from "../dom.js";
import { formatNumber, t } from "../i18n.js";
import { subscribe } from "../live.js";

// Live messages carry the first 10 failed links (a subscription's cost is capped); the
// list is read again, up to 100, once the job is over.
const JOB_STATE = `id kind status total done failed message resultUrl expiresAt`;
export const JOB_FIELDS = `${JOB_STATE} errors(first: 10) { line url message }`;

const JOB = `query Job($id: ID!) { node(id: $id) { ... on Job {
  ${JOB_STATE} errors(first: 100) { line url message } } } }`;
const JOB_PROGRESS = `subscription JobProgress($id: ID!) { jobProgress(id: $id) { ${JOB_FIELDS} } }`;

const STATUS_TEXT = {
  QUEUED: t("Waiting to start…"),
  RUNNING: t("Working…"),
  DONE: t("Done."),
  FAILED: t("Stopped."),
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
      h("td", { class: "line", text: formatNumber(error.line) }),
      h("td", { class: "url" }, h("code", { text: error.url })),
      h("td", { text: error.message }),
    ),
  );
  const caption = job.failed > job.errors.length
    ? t("Links that could not be imported (the first {shown} of {failed})", { shown: job.errors.length, failed: job.failed })
    : t("Links that could not be imported");
  return h(
    "table",
    { class: "job-errors", id: "job-errors" },
    h("caption", { text: caption }),
    h("thead", {}, h("tr", {}, h("th", { text: t("Line") }), h("th", { text: t("Link") }), h("th", { text: t("Why") }))),
    h("tbody", {}, ...rows),
  );
}

function draw(panel, job) {
  const finished = job.done + job.failed;
  const counts =
    job.kind === "IMPORT"
      ? t("{finished} of {total} links: {done} saved or already there, {failed} failed.", {
          finished,
          total: job.total,
          done: job.done,
          failed: job.failed,
        })
      : "";
  panel.replaceChildren(
    h("p", { class: "job-status", id: "job-status", role: "status", text: `${STATUS_TEXT[job.status]} ${counts}`.trim() }),
    h("progress", {
      id: "job-bar",
      max: String(Math.max(job.total, 1)),
      value: String(finished),
      "aria-label": t("Progress"),
    }),
    job.message ? h("p", { class: "form-error", text: job.message }) : "",
    job.resultUrl
      ? h("p", {}, h("a", { id: "job-result", href: job.resultUrl, text: t("Download your export") }),
          ` ${t("(you can download it here for 7 days; reload the page if the link has gone stale).")}`)

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
