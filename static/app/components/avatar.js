// A person's face: their profile photo where they have one, else their initial.

// What an avatar needs; spread into a query's user selection.
export const AVATAR_FIELDS = `username firstName profile { photo { url width height } }`;

// Sizes the style sheet draws initials at (px).
const SIZES = [24, 32, 48, 96];

export function avatar(user, size = 48) {
  const photo = user.profile && user.profile.photo;
  const node = document.createElement(photo ? "img" : "span");
  node.className = photo ? "avatar" : "avatar initials";
  node.dataset.size = String(SIZES.includes(size) ? size : 48);
  if (photo) {
    Object.assign(node, { src: photo.url, alt: "", width: size, height: size, loading: "lazy" });
  } else {
    // Drawn by the style sheet (::before): a picture, not part of the text around it.
    node.setAttribute("aria-hidden", "true");
    node.dataset.initial = (user.firstName || user.username).slice(0, 1).toUpperCase();
  }
  return node;
}
