// What a report is about, as the moderation page shows it: an image (its thumbnail, title
// and poster), a comment (its text, author and image) or a person; and the account behind it.
import { h, nodes } from "../dom.js";
import { t } from "../i18n.js";
import { imagePath, userPath } from "./cards.js";

export const SUBJECT_FIELDS = `subject {
  __typename
  ... on Image { id slug title hiddenByModerators postedBy { id username }
    thumbnail(size: SMALL) { url width height } }
  ... on Comment { id text hiddenByModerators author { id username } image { id slug title } }
  ... on User { id username }
}`;

// The API's ModerationAction, as a moderator reads it.
export const ACTION_TEXT = {
  DISMISS: t("Dismissed"),
  HIDE_CONTENT: t("Hid the content"),
  SUSPEND_USER: t("Suspended the account"),
  LIFT_SUSPENSION: t("Lifted the suspension"),
};

// The account a suspension of `subject` would reach: the person, the poster, the author.
export function accountOf(subject) {
  if (!subject) return null;
  if (subject.__typename === "Image") return subject.postedBy;
  if (subject.__typename === "Comment") return subject.author;
  return subject;
}

export function subjectKey(report) {
  return report.subject ? report.subject.id : report.id;
}

function hiddenBadge(subject) {
  return subject.hiddenByModerators ? h("span", { class: "badge-secret", text: t("Hidden") }) : null;
}

function person(user) {
  return h("a", { href: userPath(user.username), text: user.username });
}

export function subjectSummary(subject) {
  if (!subject) return h("p", { class: "subject", text: t("Gone: deleted since it was reported.") });
  if (subject.__typename === "Image") {
    const { url, width, height } = subject.thumbnail;
    return h(
      "div",
      { class: "subject subject-image" },
      h("img", { src: url, width, height, alt: "" }),
      h(
        "p",
        {},
        ...nodes(t("Image {image} by {person}"), {
          image: h("a", { href: imagePath(subject), text: subject.title }),
          person: person(subject.postedBy),
        }),
        " ",
        hiddenBadge(subject),
      ),
    );
  }
  if (subject.__typename === "Comment") {
    return h(
      "div",
      { class: "subject" },
      h("p", {}, ...nodes(t("Comment by {person} on {image}"), {
        person: person(subject.author),
        image: h("a", { href: imagePath(subject.image), text: subject.image.title }),
      }), " ", hiddenBadge(subject)),
      h("blockquote", { class: "comment-text", text: subject.text }),
    );
  }
  return h("p", { class: "subject" }, ...nodes(t("Person {person}"), { person: person(subject) }));

}
