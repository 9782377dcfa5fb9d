// The reference front end: what a client of the Pinmark API does.
import { endSession, graphql, savedTokens, saveTokens } from "./api.js";
import { restartLive, subscribe } from "./live.js";

const PAGE_SIZE = 12;
// The server runs at most 20 subscriptions per connection: the notifications, the
// feed, and the images on screen up to this many.
const LIVE_IMAGES = 18;

const IMAGES = `query Images($first: Int!, $after: String) {
  images(first: $first, after: $after) {
    edges { node { id title totalLikes likedByViewer
      postedBy { username }
      thumbnail(size: MEDIUM) { url width height } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const LIKE = `mutation Like($id: ID!) {
  likeImage(input: {id: $id}) { image { id totalLikes likedByViewer } errors { message } }
}`;

const UNLIKE = `mutation Unlike($id: ID!) {
  unlikeImage(input: {id: $id}) { image { id totalLikes likedByViewer } errors { message } }
}`;

const RANKING = `query Ranking {
  imageRanking(first: 5) { id title totalViews thumbnail(size: SMALL) { url } }
}`;

const FEED = `query Feed {
  feed(first: 15) { edges { node { id description createdAt } } }
}`;

const UNREAD = `query Unread { viewer { unreadNotificationsCount } }`;

const NOTIFICATIONS = `query Notifications {
  notifications(first: 8) { edges { node {
    id kind actorsCount unread latestAt
    actors(first: 2) { username }
    target { ... on Image { title } ... on User { username } }
  } } }
}`;

const MARK_READ = `mutation MarkRead {
  markNotificationsRead(input: {}) { unreadNotificationsCount errors { message } }
}`;

const IMAGE_CHANGED = `subscription ImageChanged($id: ID!) {
  imageChanged(id: $id) { id totalLikes likedByViewer }
}`;

const NOTIFICATION_ADDED = `subscription NotificationAdded { notificationAdded { id } }`;

const FEED_ACTION_ADDED = `subscription FeedActionAdded {
  feedActionAdded { id description createdAt }
}`;

const LOGIN = `mutation Login($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) {
    user { username } token refreshToken errors { message }
  }
}`;

const PROVIDERS = `query Providers { socialAuthProviders { name label startUrl } }`;

const SOCIAL_SIGN_IN = `mutation SocialSignIn($code: String!) {
  socialSignIn(input: {code: $code}) {
    user { username } token refreshToken created errors { message }
  }
}`;

const REQUEST_RESET = `mutation RequestReset($email: String!) {
  requestPasswordReset(input: {email: $email}) { sent errors { message } }
}`;

const CONFIRM_EMAIL = `mutation ConfirmEmail($uid: String!, $token: String!) {
  confirmEmailChange(input: {uid: $uid, token: $token}) { email errors { message } }
}`;
const RESET = `mutation Reset($uid: String!, $token: String!, $newPassword: String!) {
  resetPassword(input: {uid: $uid, token: $token, newPassword: $newPassword}) {
    user { username } token refreshToken errors { message }
  }
}`;

const HAS_PASSWORD = `query HasPassword { viewer { hasPassword } }`;

const DELETE_ACCOUNT = `mutation DeleteAccount($password: String) {
  deleteAccount(input: {password: $password}) { deletedId errors { message } }
}`;

// What the social sign-in's `#error=<code>` means, for the codes a person can act on.
const SOCIAL_ERRORS = {
  authorization_declined: "Sign-in cancelled at the provider.",
  email_in_use:
    "An account already uses this e-mail address, and the provider has not verified it. " +
    "Sign in with your password instead.",
  authentication_disallowed: "This account cannot sign in.",
  session_context_missing: "That sign-in was started elsewhere or has expired. Try again.",
  state_mismatch: "That sign-in has expired. Try again.",
};

const $ = (selector) => document.querySelector(selector);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function announce(message) {
  $("#status").textContent = message;
}

// --- the image grid, with infinite scroll over the `images` connection

const grid = { after: null, hasNext: true, loading: false, shown: new Set() };

function likeButton(image) {
  const button = element("button", {
    type: "button",
    class: "like",
    "aria-pressed": String(image.likedByViewer),
    "data-id": image.id,
  });
  renderLike(button, image);
  button.addEventListener("click", () => toggleLike(button));
  return button;
}

function renderLike(button, image) {
  button.setAttribute("aria-pressed", String(image.likedByViewer));
  button.textContent = `${image.likedByViewer ? "♥" : "♡"} ${image.totalLikes}`;
  button.setAttribute(
    "aria-label",
    `${image.likedByViewer ? "Unlike" : "Like"} (${image.totalLikes} likes)`,
  );
}

async function toggleLike(button) {
  if (!savedTokens()) {
    announce("Sign in to like images.");
    $("#username").focus();
    return;
  }
  const liked = button.getAttribute("aria-pressed") === "true";
  button.disabled = true;
  try {
    const data = await graphql(liked ? UNLIKE : LIKE, { id: button.dataset.id });
    const payload = liked ? data.unlikeImage : data.likeImage;
    if (payload.errors.length) announce(payload.errors[0].message);
    else renderLike(button, payload.image);
  } catch (error) {
    announce(error.message);
  } finally {
    button.disabled = false;
  }
}

// --- live like counts: the images on screen follow `imageChanged`

const watched = new Map(); // image id -> the function that ends its subscription

const onScreen = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const id = entry.target.dataset.id;
    if (entry.isIntersecting) watch(id);
    else unwatch(id);
  }
});

function watch(id) {
  if (watched.has(id) || watched.size >= LIVE_IMAGES) return;
  watched.set(
    id,
    subscribe(IMAGE_CHANGED, { id }, ({ imageChanged }) => {
      const button = document.querySelector(`.like[data-id="${imageChanged.id}"]`);
      if (button) renderLike(button, imageChanged);
    }),
  );
}

function unwatch(id) {
  const end = watched.get(id);
  if (end) end();
  watched.delete(id);
}

function unwatchAll() {
  for (const id of [...watched.keys()]) unwatch(id);
  onScreen.disconnect();
}

function card(image) {
  const { url, width, height } = image.thumbnail;
  const item = element(
    "li",
    { class: "card", "data-id": image.id },
    element("img", { src: url, width, height, alt: image.title, loading: "lazy" }),
    element(
      "div",
      { class: "caption" },
      element("span", { class: "title", text: image.title }),
      element("span", { class: "poster", text: `by ${image.postedBy.username}` }),
      likeButton(image),
    ),
  );
  onScreen.observe(item);
  return item;
}

async function loadNextPage() {
  if (grid.loading || !grid.hasNext) return;
  grid.loading = true;
  try {
    const data = await graphql(IMAGES, { first: PAGE_SIZE, after: grid.after });
    const { edges, pageInfo } = data.images;
    for (const { node } of edges) {
      if (grid.shown.has(node.id)) continue;
      grid.shown.add(node.id);
      $("#grid").append(card(node));
    }
    grid.after = pageInfo.endCursor;
    grid.hasNext = pageInfo.hasNextPage;
    $("#grid-end").textContent = grid.hasNext ? "Loading more…" : "That's all.";
  } catch (error) {
    announce(error.message);
  } finally {
    grid.loading = false;
  }
  // A page that does not fill the screen leaves the sentinel visible: keep going.
  if (grid.hasNext && isVisible($("#grid-end"))) loadNextPage();
}

function isVisible(node) {
  const box = node.getBoundingClientRect();
  return box.top < window.innerHeight && box.bottom > 0;
}

function resetGrid() {
  unwatchAll();
  grid.after = null;
  grid.hasNext = true;
  grid.shown.clear();
  $("#grid").replaceChildren();
  loadNextPage();
}

// --- side panels

async function loadRanking() {
  const list = $("#ranking");
  try {
    const data = await graphql(RANKING);
    list.replaceChildren(
      ...data.imageRanking.map((image) =>
        element(
          "li",
          {},
          element("img", { src: image.thumbnail.url, alt: "", width: 40, height: 40 }),
          element("span", { text: `${image.title} · ${image.totalViews} views` }),
        ),
      ),
    );
  } catch (error) {
    list.replaceChildren(element("li", { text: error.message }));
  }
}

function feedItem(action) {
  return element(
    "li",
    { class: "action" },
    element("span", { text: action.description }),
    element("time", {
      datetime: action.createdAt,
      text: new Date(action.createdAt).toLocaleString(),
    }),
  );
}

async function loadFeed() {
  const list = $("#feed");
  if (!savedTokens()) {
    list.replaceChildren(element("li", { text: "Sign in to see your feed." }));
    return;
  }
  try {
    const data = await graphql(FEED);
    list.replaceChildren(...data.feed.edges.map(({ node }) => feedItem(node)));
  } catch (error) {
    list.replaceChildren(element("li", { text: error.message }));
  }
}

// --- notifications: the bell's unread count and the latest groups

// "carol liked Sunset", "carol and bob liked Sunset", "carol, bob and 2 others followed you"
function sentence(group) {
  const names = group.actors.map((actor) => actor.username);
  const others = group.actorsCount - names.length;
  let who = names.join(names.length > 1 && others > 0 ? ", " : " and ") || "Someone";
  if (others > 0) who += ` and ${others} other${others > 1 ? "s" : ""}`;
  if (group.kind === "FOLLOWED_YOU") return `${who} followed you`;
  return `${who} liked ${group.target ? group.target.title : "an image"}`;
}

async function loadNotifications() {
  const signedIn = Boolean(savedTokens());
  $("#bell").hidden = !signedIn;
  $("#notifications-panel").hidden = !signedIn;
  if (!signedIn) return;
  try {
    const [{ viewer }, { notifications }] = await Promise.all([
      graphql(UNREAD),
      graphql(NOTIFICATIONS),
    ]);
    const unread = viewer.unreadNotificationsCount;
    $("#unread").textContent = String(unread);
    $("#unread").hidden = unread === 0;
    $("#bell").setAttribute("aria-label", `Notifications: ${unread} unread`);
    $("#notifications").replaceChildren(
      ...notifications.edges.map(({ node }) =>
        element("li", { class: node.unread ? "unread" : "" }, element("span", { text: sentence(node) })),
      ),
    );
  } catch (error) {
    announce(error.message);
  }
}

async function markAllRead() {
  try {
    await graphql(MARK_READ);
  } catch (error) {
    announce(error.message);
  }
  loadNotifications();
}

// --- what the server pushes while the page is open

let liveEnds = [];

function followLive() {
  for (const end of liveEnds) end();
  liveEnds = [];
  restartLive();
  if (!savedTokens()) return;
  liveEnds.push(subscribe(NOTIFICATION_ADDED, {}, () => loadNotifications()));
  liveEnds.push(
    subscribe(FEED_ACTION_ADDED, {}, ({ feedActionAdded }) => {
      const list = $("#feed");
      list.prepend(feedItem(feedActionAdded));
      while (list.children.length > 15) list.lastElementChild.remove();
    }),
  );
}

// --- signing in and out

function renderSession() {
  const tokens = savedTokens();
  $("#login-form").hidden = Boolean(tokens);
  $("#session").hidden = !tokens;
  if (tokens) $("#whoami").textContent = `Signed in as ${tokens.username}`;
}

async function signIn(event) {
  event.preventDefault();
  const variables = { username: $("#username").value, password: $("#password").value };
  try {
    const { login } = await graphql(LOGIN, variables);
    if (login.errors.length) {
      announce(login.errors[0].message);
      return;
    }
    $("#password").value = "";
    signedIn(login, `Signed in as ${login.user.username}.`);
  } catch (error) {
    announce(error.message);
  }
}

function signedIn(payload, message) {
  saveTokens({
    token: payload.token,
    refreshToken: payload.refreshToken,
    username: payload.user.username,
  });
  announce(message);
  refreshAll();
}

// --- signing in through a provider: its button leaves for our start URL, and the
// browser comes back here with #code=<one-time code> or #error=<reason>.

async function loadProviders() {
  const next = `${location.origin}${location.pathname}`;
  try {
    const { socialAuthProviders } = await graphql(PROVIDERS);
    $("#social-sign-in").replaceChildren(
      ...socialAuthProviders.map((provider) =>
        element("a", {
          class: "button",
          href: `${provider.startUrl}?next=${encodeURIComponent(next)}`,
          "data-provider": provider.name,
          text: `Sign in with ${provider.label}`,
        }),
      ),
    );
  } catch (error) {
    announce(error.message);
  }
}

async function finishSocialSignIn(code) {
  try {
    const { socialSignIn } = await graphql(SOCIAL_SIGN_IN, { code });
    if (socialSignIn.errors.length) {
      announce(socialSignIn.errors[0].message);
      return;
    }
    const { username } = socialSignIn.user;
    signedIn(
      socialSignIn,
      socialSignIn.created ? `Welcome, ${username}: your account is ready.` : `Signed in as ${username}.`,
    );
  } catch (error) {
    announce(error.message);
  }
}

// --- dialogs: forgotten password, the reset form, deleting the account

function openDialog(dialog) {
  dialog.querySelector(".form-error").textContent = "";
  dialog.showModal();
}

function dialogError(dialog, errors) {
  dialog.querySelector(".form-error").textContent = errors.map((error) => error.message).join(" ");
}

async function requestReset(event) {
  event.preventDefault();
  const dialog = $("#forgot-dialog");
  try {
    const { requestPasswordReset } = await graphql(REQUEST_RESET, { email: $("#forgot-email").value });
    if (requestPasswordReset.errors.length) {
      dialogError(dialog, requestPasswordReset.errors);
      return;
    }
    dialog.close();
    announce("If an account uses this address, a link to reset its password is on its way.");
  } catch (error) {
    dialogError(dialog, [error]);
  }
}

const reset = { uid: null, token: null };

async function resetPassword(event) {
  event.preventDefault();
  const dialog = $("#reset-dialog");
  const variables = { ...reset, newPassword: $("#new-password").value };
  try {
    const { resetPassword: payload } = await graphql(RESET, variables);
    if (payload.errors.length) {
      dialogError(dialog, payload.errors);
      return;
    }
    $("#new-password").value = "";
    dialog.close();
    signedIn(payload, `Your password is changed. Signed in as ${payload.user.username}.`);
  } catch (error) {
    dialogError(dialog, [error]);
  }
}

async function openDeleteDialog() {
  const dialog = $("#delete-dialog");
  try {
    const { viewer } = await graphql(HAS_PASSWORD);
    const hasPassword = Boolean(viewer && viewer.hasPassword);
    $("#delete-password-row").hidden = !hasPassword;
    $("#delete-password").required = hasPassword;
    $("#delete-social-hint").hidden = hasPassword;
  } catch (error) {
    announce(error.message);
    return;
  }
  openDialog(dialog);
}

async function deleteAccount(event) {
  event.preventDefault();
  const dialog = $("#delete-dialog");
  const password = $("#delete-password").value || null;
  try {
    const { deleteAccount: payload } = await graphql(DELETE_ACCOUNT, { password });
    if (payload.errors.length) {
      dialogError(dialog, payload.errors);
      return;
    }
    $("#delete-password").value = "";
    dialog.close();
    saveTokens(null);
    announce("Your account and everything in it are deleted.");
    refreshAll();
  } catch (error) {
    dialogError(dialog, [error]);
  }
}

async function confirmEmail(uid, token) {
  try {
    const { confirmEmailChange } = await graphql(CONFIRM_EMAIL, { uid, token });
    const [error] = confirmEmailChange.errors;
    announce(error ? error.message : `Your e-mail address is now ${confirmEmailChange.email}.`);
  } catch (error) {
    announce(error.message);
  }
}

// What the address bar brought: a reset link, a link confirming a new e-mail address,
// or the end of a social sign-in. Taken out of the address at once, so that it is
// neither bookmarked nor shared.
function handleFragment() {
  const hash = location.hash.slice(1);
  if (!hash) return;
  history.replaceState(null, "", `${location.pathname}${location.search}`);
  const resetLink = hash.match(/^reset-password\/([^/]+)\/([^/]+)$/);
  if (resetLink) {
    [, reset.uid, reset.token] = resetLink;
    openDialog($("#reset-dialog"));
    return;
  }
  const emailLink = hash.match(/^confirm-email\/([^/]+)\/([^/]+)$/);
  if (emailLink) {
    confirmEmail(emailLink[1], emailLink[2]);
    return;
  }
  const values = new URLSearchParams(hash);
  if (values.get("code")) finishSocialSignIn(values.get("code"));
  else if (values.get("error")) {
    announce(SOCIAL_ERRORS[values.get("error")] || `Sign-in failed (${values.get("error")}).`);
  }
}

async function signOut() {
  await endSession();
  announce("Signed out.");
  refreshAll();
}

function refreshAll() {
  renderSession();
  followLive();
  resetGrid();
  loadRanking();
  loadFeed();
  loadNotifications();
}

$("#login-form").addEventListener("submit", signIn);
$("#sign-out").addEventListener("click", signOut);
$("#forgot-password").addEventListener("click", () => {
  const login = $("#username").value;
  if (login.includes("@")) $("#forgot-email").value = login;
  openDialog($("#forgot-dialog"));
});
$("#forgot-form").addEventListener("submit", requestReset);
$("#reset-form").addEventListener("submit", resetPassword);
$("#delete-account").addEventListener("click", openDeleteDialog);
$("#delete-form").addEventListener("submit", deleteAccount);
for (const button of document.querySelectorAll("dialog .cancel")) {
  button.addEventListener("click", () => button.closest("dialog").close());
}
$("#mark-read").addEventListener("click", markAllRead);
new IntersectionObserver((entries) => {
  if (entries.some((entry) => entry.isIntersecting)) loadNextPage();
}).observe($("#grid-end"));
refreshAll();
loadProviders();
handleFragment();
