// "/import": import a browser's bookmark file (Chrome, Firefox, Safari export it as
// HTML) or a CSV with the header url,title,description,tags,board; the job's progress and
// the links that failed are shown live (components/job-progress.js).
import { graphql } from "../api.js";
import { viewerBoards } from "../boards.js";
import { followJob, JOB_FIELDS } from "../components/job-progress.js";
import { formErrorBox, h, heading, onSubmit, showErrors, signInFirst, submitRow } from "../dom.js";
import { signedIn } from "../session.js";
import { t } from "../i18n.js";

const IMPORT = `mutation Import($input: ImportBookmarksInput!) {
  importBookmarks(input: $input) { job { ${JOB_FIELDS} } errors { field code message } }
}`;

function boardChoice(boards) {
  const select = h(
    "select",
    { name: "boardId", id: "import-board" },
    h("option", { value: "", text: t("A board per bookmark folder (made when missing)") }),
    ...boards.map((board) => h("option", { value: board.id, text: board.label })),
  );
  return h("p", { class: "field" }, h("label", { for: "import-board", text: t("Save to") }), select);
}

function importForm(boards, panel) {
  const file = h("input", {
    id: "import-file",
    name: "file",
    type: "file",
    accept: ".html,.htm,.csv,text/html,text/csv",
    "aria-describedby": "import-hint",
  });
  const form = h(
    "form",
    { id: "import-form", class: "stacked", novalidate: true },
    formErrorBox(),
    h(
      "p",
      { class: "field" },
      h("label", { for: "import-file", text: t("Bookmark file or CSV") }),
      file,
      h("span", {
        class: "hint",
        id: "import-hint",
        text:
          t(
            "Your browser's exported bookmarks (HTML), or a CSV with the header {header}. At most {links} links and {megabytes} MB. Links to pages save the picture the page shows (its og:image); links you saved before are not saved again.",
            { header: "url,title,description,tags,board", links: 5000, megabytes: 10 },
          ),
      }),
    ),
    boardChoice(boards),
    submitRow(t("Import")),
  );
  let stop = () => {};
  onSubmit(form, async ({ boardId }) => {
    const [chosen] = file.files;
    if (!chosen) {
      showErrors(form, [{ field: "file", message: t("Choose a bookmark file or CSV.") }]);
      return;
    }
    const input = { file: null, boardId: boardId || null };
    const { importBookmarks: payload } = await graphql(IMPORT, { input }, { "variables.input.file": chosen });
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    stop();
    stop = followJob(panel, payload.job);
  });
  return form;
}

export default async function importPage(view) {
  view.append(heading(t("Import bookmarks")));
  if (!signedIn()) {
    view.append(signInFirst("/import", t("to import your bookmarks")));
    return;
  }
  const panel = h("section", { id: "job-panel", class: "job-panel", "aria-live": "polite" });
  let boards = [];
  try {
    boards = await viewerBoards();
  } catch {
    boards = [];
  }
  view.append(importForm(boards, panel), panel);
}
