// The like toggle ("♥ 3", aria-pressed) and live like counts: images on screen follow
// `imageChanged`, so a like anywhere shows here without a reload.
import { graphql } from "../api.js";
import { announce, h } from "../dom.js";
import { formatNumber, t } from "../i18n.js";
import { subscribe } from "../live.js";
import { navigate } from "../router.js";
import { signedIn } from "../session.js";

// The server runs at most 20 subscriptions per connection: the notifications and up to
// this many images.
const LIVE_IMAGES = 18;

const LIKE = `mutation Like($id: ID!) {
  likeImage(input: {id: $id}) { image { id totalLikes likedByViewer } errors { message } }
}`;

const UNLIKE = `mutation Unlike($id: ID!) {
  unlikeImage(input: {id: $id}) { image { id totalLikes likedByViewer } errors { message } }
}`;

const IMAGE_CHANGED = `subscription ImageChanged($id: ID!) {
  imageChanged(id: $id) { id totalLikes likedByViewer totalViews }
}`;

export function likeButton(image) {
  const button = h("button", { type: "button", class: "like", "data-id": image.id });
  renderLike(button, image);
  button.addEventListener("click", () => toggleLike(button));
  return button;
}

// Shown as "♥ 3"; read as "Like 3", pressed or not.
export function renderLike(button, image) {
  button.setAttribute("aria-pressed", String(image.likedByViewer));
  button.replaceChildren(
    h("span", { class: "visually-hidden", text: t("Like") }),
    h("span", { "aria-hidden": "true", text: image.likedByViewer ? "♥" : "♡" }),
    " ",
    h("span", { class: "count", text: formatNumber(image.totalLikes) }),
  );
}

// Every like button of this image on the page (a card and the image page may both show it).
export function showLikes(image) {
  for (const button of document.querySelectorAll(`.like[data-id="${CSS.escape(image.id)}"]`)) {
    // A live update tells likedByViewer for the connection's viewer: the same person.
    renderLike(button, image);
  }
  document.dispatchEvent(new CustomEvent("pinmark:image-changed", { detail: image }));
}

async function toggleLike(button) {
  if (!signedIn()) {
    await navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    announce(t("Sign in to like images."));

    return;
  }
  const liked = button.getAttribute("aria-pressed") === "true";
  button.disabled = true;
  try {
    const data = await graphql(liked ? UNLIKE : LIKE, { id: button.dataset.id });
    const payload = liked ? data.unlikeImage : data.likeImage;
    if (payload.errors.length) announce(payload.errors[0].message);
    else showLikes(payload.image);
  } catch (error) {
    announce(error.message);
  } finally {
    button.disabled = false;
  }
}

// Follow the images whose cards are on screen; `onChange` gets each changed image.
export function liveImages(onChange = showLikes) {
  const watched = new Map(); // image id -> the function that ends its subscription
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const { id } = entry.target.dataset;
      if (entry.isIntersecting) watch(id);
      else unwatch(id);
    }
  });

  function watch(id) {
    if (watched.has(id) || watched.size >= LIVE_IMAGES) return;
    watched.set(
      id,
      subscribe(IMAGE_CHANGED, { id }, ({ imageChanged }) => onChange(imageChanged)),
    );
  }

  function unwatch(id) {
    const end = watched.get(id);
    if (end) end();
    watched.delete(id);
  }

  return {
    observe: (node) => observer.observe(node),
    watch,
    dispose() {
      observer.disconnect();
      for (const id of [...watched.keys()]) unwatch(id);
    },
  };
}
