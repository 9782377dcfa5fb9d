// The menu of a person (their profile) and of an image (its page): mute or unmute the
// person, block them (after a confirmation) and report them or the image. Outcomes and the
// API's errors are said in words on the status line.
import { graphql } from "../api.js";
import { announce, formErrorBox, h, heading, onSubmit, showErrors } from "../dom.js";
import { t } from "../i18n.js";
import { currentUsername, signedIn } from "../session.js";
import { openReport } from "./report-dialog.js";

const ERRORS = `errors { field code message }`;
const BLOCK = `mutation Block($username: String!) {
  blockUser(input: {username: $username}) { user { username } ${ERRORS} }
}`;
const MUTE = `mutation Mute($username: String!) {
  muteUser(input: {username: $username}) { user { username } ${ERRORS} }
}`;
const UNMUTE = `mutation Unmute($username: String!) {
  unmuteUser(input: {username: $username}) { user { username } ${ERRORS} }
}`;
// The API says whom the viewer muted as a list: the first 100 are looked at.
const MUTED = `query Muted { viewer { mutedUsers(first: 100) { edges { node { username } } } } }`;

// What a page shows once its person (or the poster of its image) is blocked.
export function blockedNotice(username) {
  return h(
    "section",
    { class: "narrow blocked-notice" },
    heading(t("You blocked {username}", { username })),
    h("p", {
      text: t("You no longer find each other anywhere, and follows between you ended. {username} is not told.", {
        username,
      }),
    }),
    h("p", {}, h("a", { href: "/settings#blocked-users", text: t("You can unblock them in your settings.") })),
  );
}

async function isMuted(username) {
  const { viewer } = await graphql(MUTED);
  const edges = viewer ? viewer.mutedUsers.edges : [];
  return edges.some(({ node }) => node.username === username);
}

function muteButton(username) {
  const button = h("button", { type: "button", class: "mute-user", disabled: true, text: t("Mute {username}", { username }) });
  let muted = false;
  const show = (value) => {
    muted = value;
    button.textContent = muted ? t("Unmute {username}", { username }) : t("Mute {username}", { username });
  };
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const data = await graphql(muted ? UNMUTE : MUTE, { username });
      const payload = muted ? data.unmuteUser : data.muteUser;
      if (payload.errors.length) return announce(payload.errors.map((e) => e.message).join(" "));
      show(!muted);
      announce(
        muted
          ? t(
              "You muted {username}: what they do no longer reaches your feed, search, comments or notifications. They are not told.",
              { username },
            )
          : t("You unmuted {username}.", { username }),
      );
    } catch (error) {
      announce(error.message);
    } finally {
      button.disabled = false;
    }
  });
  const load = async () => {
    try {
      show(await isMuted(username));
      button.disabled = false;
    } catch (error) {
      announce(t("Could not tell whether you muted {username}: {error}", { username, error: error.message }));
    }
  };
  return { button, load };
}

function blockButton(username, onBlocked) {
  const dialog = h("dialog", { class: "block-dialog", "aria-labelledby": "block-title" });
  const form = h(
    "form",
    { class: "stacked", id: "block-form" },
    h("h2", { id: "block-title", text: t("Block {username}?", { username }) }),
    h("p", {
      text: t(
        "You will no longer find each other anywhere: profiles, images, boards, comments, feeds or search. Follows between you end. {username} is not told.",
        { username },
      ),
    }),
    formErrorBox(),
    h(
      "p",
      { class: "actions" },
      h("button", { type: "submit", class: "danger", text: t("Block {username}", { username }) }),
      h("button", { type: "button", text: t("Cancel"), onclick: () => dialog.close() }),
    ),
  );
  dialog.append(form);
  onSubmit(form, async () => {
    const { blockUser: payload } = await graphql(BLOCK, { username });
    if (payload.errors.length) return showErrors(form, payload.errors);
    dialog.close();
    onBlocked(username);
    announce(t("You blocked {username}.", { username }));
  });
  const button = h("button", { type: "button", class: "block-user", "aria-haspopup": "dialog",
    text: t("Block {username}", { username }) });
  button.addEventListener("click", () => dialog.showModal());
  return { button, dialog };
}

let menus = 0;

// A disclosure: "More" shows the items; Escape closes them and gives the focus back.
function disclosure(label, items, onFirstOpen) {
  const id = `safety-menu-${++menus}`;
  const list = h("ul", { class: "menu-items", id, hidden: true }, ...items.map((item) => h("li", {}, item)));
  const toggle = h("button", { type: "button", class: "menu-toggle", "aria-expanded": "false", "aria-controls": id });
  toggle.append(t("More"), h("span", { class: "visually-hidden", text: ` ${t("for {name}", { name: label })}` }));
  let opened = false;
  const open = (value) => {
    list.hidden = !value;
    toggle.setAttribute("aria-expanded", String(value));
    if (value && !opened) {
      opened = true;
      onFirstOpen();
    }
  };
  toggle.addEventListener("click", () => open(list.hidden));
  list.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    open(false);
    toggle.focus();
  });
  return h("div", { class: "safety-menu" }, toggle, list);
}

function menuFor(user, label, report, onBlocked) {
  if (!signedIn() || user.username === currentUsername()) return null;
  const mute = muteButton(user.username);
  const block = blockButton(user.username, onBlocked);
  const reportButton = h("button", { type: "button", class: "report", "aria-haspopup": "dialog", text: report.text });
  reportButton.addEventListener("click", () => openReport(report.subject, reportButton));
  const menu = disclosure(label, [reportButton, mute.button, block.button], mute.load);
  menu.append(block.dialog);
  return menu;
}

// A person's menu (not on one's own profile, nor signed out); `onBlocked(username)`.
export function personMenu(user, onBlocked) {
  const subject = { id: user.id, name: user.username };
  return menuFor(user, user.username, { text: t("Report {name}", { name: user.username }), subject }, onBlocked);
}

// An image's menu (not on one's own image): report it, mute or block its poster.
export function imageMenu(image, onBlocked) {
  const subject = { id: image.id, name: t("this image") };
  return menuFor(image.postedBy, t("this image"), { text: t("Report this image"), subject }, onBlocked);

}
