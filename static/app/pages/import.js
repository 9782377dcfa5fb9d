// "/import": import a browser's bookmark file (Chrome, Firefox, Safari export it as
// HTML) or a CSV with the header url,title,description,tags,board; the job's progress and
// the links that failed are shown live (components/job-progress.js).
import { graphql } from "../api.js";
import { viewerBoards } from "../boards.js";
import { followJob, JOB_FIELDS } from "../components/job-progress.js";
import { formErrorBox, h, heading, onSubmit, showErrors, signInFirst, submitRow } from "../dom.js";
import { signedIn } from "../session.js";

const IMPORT = `mutation Import($input: ImportBookmarksInput!) {
  importBookmarks(input: $input) { job { ${JOB_FIELDS} } errors { field code message } }
}`;

function boardChoice(boards) {
  const select = h(
    "select",
    { name: "boardId", id: "import-board" },
    h("option", { value: "", text: "A board per bookmark folder (made when missing)" }),
    ...boards.map((board) => h("option", { value: board.id, text: board.label })),
  );
  return h("p", { class: "field" }, h("label", { for: "import-board", text: "Save to" }), select);
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
      h("label", { for: "import-file", text: "Bookmark file or CSV" }),
      file,
      h("span", {
        class: "hint",
        id: "import-hint",
        text:
          "Your browser's exported bookmarks (HTML), or a CSV with the header " +
          "url,title,description,tags,board. At most 5,000 links and 10 MB. Links to " +
          "pages save the picture the page shows (its og:image); links you saved before " +
          "are not saved again.",
      }),
    ),
    boardChoice(boards),
    submitRow("Import"),
  );
  let stop = () => {};
  onSubmit(form, async ({ boardId }) => {
    const [chosen] = file.files;
    if (!chosen) {
      showErrors(form, [{ field: "file", message: "Choose a bookmark file or CSV." }]);
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
  view.append(heading("Import bookmarks"));
  if (!signedIn()) {
    view.append(signInFirst("/import", "to import your bookmarks"));
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
