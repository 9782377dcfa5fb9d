// "Already saved": the person's own image of the picture, found by its address before saving
// (the query savedImage: nothing is downloaded) or by its look when saving (bookmarkImage's
// ALREADY_SAVED names it as existingImage), with how often it was saved to boards.
import { graphql } from "../app/api.js";
import { imagePath } from "../app/components/cards.js";
import { plural } from "../app/i18n.js";

export const SAVED_FIELDS = `id slug title savesCount`;
const SAVED_IMAGE = `query SavedImage($url: String!) { savedImage(url: $url) { ${SAVED_FIELDS} } }`;

export function showAlreadySaved(image) {
  const notice = document.getElementById("already-saved");
  notice.hidden = !image;
  if (!image) return;
  const link = document.getElementById("already-saved-link");
  link.href = imagePath(image);
  link.textContent = image.title;
  document.getElementById("already-saved-count").textContent = plural(
    image.savesCount,
    "saved to boards {count} time",
    "saved to boards {count} times",
  );
}

export async function checkAlreadySaved(url) {
  try {
    const { savedImage } = await graphql(SAVED_IMAGE, { url });
    showAlreadySaved(savedImage);
  } catch {
    // Only a courtesy: saving the picture again is refused with ALREADY_SAVED anyway.
  }
}
