// The settings page's export: ask for a ZIP of the account (once a day), follow it live,
// and the link to the latest export while it is there.
import { graphql } from "../api.js";
import { formErrorBox, h, onSubmit, showErrors, submitRow } from "../dom.js";
import { t } from "../i18n.js";
import { followJob, JOB_FIELDS } from "./job-progress.js";

const REQUEST_EXPORT = `mutation RequestExport {
  requestExport(input: {}) { job { ${JOB_FIELDS} } errors { field code message } }
}`;
const LATEST = `query Exports { viewer { jobs(first: 10) { edges { node { ${JOB_FIELDS} } } } } }`;

export function exportSection() {
  const panel = h("div", { id: "export-panel", "aria-live": "polite" });
  const form = h(
    "form",
    { id: "export-form", class: "stacked", novalidate: true },
    formErrorBox(),
    h("p", {
      text: t(
        "A ZIP of your images (the originals), boards, pins, likes, follows and comments, with a file describing them (pinmark-export.json). When it is ready, its link shows here for 7 days and we mail you. One export a day.",
      ),
    }),
    submitRow(t("Export my account")),
  );
  let stop = () => {};
  onSubmit(form, async () => {
    const { requestExport: payload } = await graphql(REQUEST_EXPORT);
    if (payload.errors.length) showErrors(form, payload.errors);
    else {
      stop();
      stop = followJob(panel, payload.job);
    }
  });
  graphql(LATEST)
    .then(({ viewer }) => {
      const latest = viewer && viewer.jobs.edges.map(({ node }) => node).find((job) => job.kind === "EXPORT");
      if (latest) stop = followJob(panel, latest);
    })
    .catch(() => {});
  return h(
    "section",
    { id: "export", "aria-labelledby": "export-title" },
    h("h2", { id: "export-title", text: t("Export your account") }),

    form,
    panel,
  );
}
