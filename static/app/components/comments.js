// Comments under an image: the oldest first, a page at a time ("More comments"), a form to
// write one (@mentions suggested as one types), "Delete" for its author and the image's
// poster; new comments arrive live (commentAdded). Text is shown as text, never as HTML.
import { graphql } from "../api.js";
import { announce, field, formErrorBox, h, listState, onSubmit, showErrors, signInFirst, submitRow, time } from "../dom.js";
import { plural, t } from "../i18n.js";
import { subscribe } from "../live.js";
import { currentUsername } from "../session.js";
import { avatar, AVATAR_FIELDS } from "./avatar.js";
import { userPath } from "./cards.js";
import { mentionSuggestions } from "./mention-suggestions.js";
import { openReport } from "./report-dialog.js";

const PAGE = 20;
const MAX_LENGTH = 2000;
const COMMENT_FIELDS = `id text createdAt hiddenByModerators author { ${AVATAR_FIELDS} }
  image { id commentsCount }`;

const COMMENTS = `query ImageComments($id: ID!, $first: Int!, $after: String) {
  image(id: $id) {
    id commentsCount
    comments(first: $first, after: $after) {
      edges { node { ${COMMENT_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const ADD = `mutation AddComment($imageId: ID!, $text: String!) {
  addComment(input: {imageId: $imageId, text: $text}) {
    comment { ${COMMENT_FIELDS} } errors { field code message }
  }
}`;

const DELETE = `mutation DeleteComment($id: ID!) {
  deleteComment(input: {id: $id}) { deletedId errors { message } }
}`;

const COMMENT_ADDED = `subscription CommentAdded($imageId: ID!) {
  commentAdded(imageId: $imageId) { ${COMMENT_FIELDS} }
}`;

function countText(count) {
  return plural(count, "{count} comment", "{count} comments");
}

// `image` has `id` and `postedBy.username`; returns the section and the function that
// stops its live updates.
export function commentsSection(image) {
  const me = currentUsername();
  const mayDelete = (comment) => me && (me === comment.author.username || me === image.postedBy.username);
  const count = h("span", { id: "comments-count" });
  let total = 0;
  const list = h("ol", { class: "comments", id: "comments" });
  const state = h("p", { class: "list-state loading", text: t("Loading…") });
  const more = h("button", { type: "button", id: "more-comments", text: t("More comments"), hidden: true });
  let after = null;
  let complete = false;

  function showCount(value) {
    total = value;
    count.textContent = countText(total);
  }

  function item(comment) {
    const remove = mayDelete(comment)
      ? h("button", {
          type: "button",
          class: "delete-comment",
          text: t("Delete"),
          "aria-label": t("Delete the comment by {username}", { username: comment.author.username }),
          onclick: () => deleteComment(comment, remove),
        })
      : null;
    return h(
      "li",
      { class: "comment", "data-id": comment.id },
      avatar(comment.author, 32),
      h(
        "div",
        { class: "comment-body" },
        h("p", { class: "comment-meta" },
          h("a", { href: userPath(comment.author.username), text: comment.author.username }), " · ", time(comment.createdAt),
          comment.hiddenByModerators ? ` · ${t("hidden by the moderators")}` : null),
        h("p", { class: "comment-text", text: comment.text }),
        remove,
        me && me !== comment.author.username ? reportButton(comment) : null,
      ),
    );
  }

  // A comment of someone else's past the pages not loaded yet comes with them; one's own
  // shows at once.
  function show(comment, own = false) {
    showCount(comment.image.commentsCount);
    if (list.querySelector(`[data-id="${CSS.escape(comment.id)}"]`)) return;
    if (!complete && !own) return;
    list.append(item(comment));
    state.hidden = true;
  }

  async function deleteComment(comment, button) {
    button.disabled = true;
    try {
      const { deleteComment: payload } = await graphql(DELETE, { id: comment.id });
      if (payload.errors.length) throw new Error(payload.errors[0].message);
      list.querySelector(`[data-id="${CSS.escape(comment.id)}"]`).remove();
      const left = list.children.length;
      showCount(Math.max(0, total - 1));
      if (!left && complete) listState(state, "empty", t("No comments yet."));
      announce(t("Comment deleted."));
    } catch (error) {
      button.disabled = false;
      announce(error.message);
    }
  }

  async function loadPage() {
    more.disabled = true;
    try {
      const { image: found } = await graphql(COMMENTS, { id: image.id, first: PAGE, after });
      if (!found) return listState(state, "error", t("This image is no longer there."));
      const { edges, pageInfo } = found.comments;
      showCount(found.commentsCount);
      list.append(...edges.map(({ node }) => node).filter((node) => !list.querySelector(`[data-id="${CSS.escape(node.id)}"]`)).map(item));
      after = pageInfo.endCursor || after;
      complete = !pageInfo.hasNextPage;
      more.hidden = complete;
      if (list.children.length) state.hidden = true;
      else listState(state, "empty", t("No comments yet."));
    } catch (error) {
      listState(state, "error", t("Could not load the comments: {error}", { error: error.message }));
    } finally {
      more.disabled = false;
    }
  }

  more.addEventListener("click", loadPage);
  const section = h(
    "section",
    { class: "comments-section", "aria-labelledby": "comments-title" },
    h("h2", { id: "comments-title" }, `${t("Comments")} `, h("span", { class: "hint" }, "(", count, ")")),
    list,
    state,
    more,
    me ? commentForm(image, show) : signInFirst(location.pathname, t("to comment")),
  );
  loadPage();
  const stop = subscribe(COMMENT_ADDED, { imageId: image.id }, ({ commentAdded }) => show(commentAdded));
  return { section, dispose: stop };
}

function reportButton(comment) {
  const name = t("the comment by {username}", { username: comment.author.username });
  const button = h("button", { type: "button", class: "report-comment", text: t("Report"),
    "aria-label": t("Report the comment by {username}", { username: comment.author.username }),
    "aria-haspopup": "dialog" });
  button.addEventListener("click", () => openReport({ id: comment.id, name }, button));
  return button;
}

function commentForm(image, show) {
  const form = h(
    "form",
    { id: "comment-form", class: "stacked", "aria-label": t("Write a comment"), novalidate: true },
    formErrorBox(),
    field(t("Your comment"), { name: "text", id: "comment-text", rows: 3, maxlength: MAX_LENGTH, required: true }, "textarea"),
    submitRow(t("Post comment")),
  );
  const textarea = form.querySelector("textarea");
  textarea.after(mentionSuggestions(textarea).list);
  onSubmit(form, async ({ text }) => {
    const { addComment } = await graphql(ADD, { imageId: image.id, text });
    if (addComment.errors.length) return showErrors(form, addComment.errors);
    textarea.value = "";
    show(addComment.comment, true);
    announce(t("Comment posted."));

  });
  return form;
}
