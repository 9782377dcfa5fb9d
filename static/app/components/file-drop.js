// A file input with a drop area and a preview of the chosen image (a blob: URL, the
// preview's size known from the file once it loads).
import { h } from "../dom.js";
import { t } from "../i18n.js";

export function fileDrop({ name, label, id = `field-${name}`, current = null, hint = "" }) {
  const input = h("input", {
    id,
    name,
    type: "file",
    accept: "image/jpeg,image/png,image/gif,image/webp",
    class: "file-input",
    "aria-describedby": `${id}-hint`,
  });
  const preview = h("img", { class: "preview", id: `${id}-preview`, alt: "", hidden: true });
  const hintText = hint || t("Drop an image here, or choose a file.");
  const caption = h("span", { class: "drop-hint", id: `${id}-hint`, text: hintText });
  if (current) showPreview(preview, current.url, current.width, current.height);
  const zone = h(
    "div",
    { class: "drop-zone field" },
    h("label", { for: id, text: label }),
    caption,
    input,
    preview,
  );
  let objectUrl = null;
  input.addEventListener("change", () => {
    const [file] = input.files;
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = file ? URL.createObjectURL(file) : null;
    caption.textContent = file ? t("Chosen: {file}", { file: file.name }) : hintText;

    if (objectUrl) showPreview(preview, objectUrl, null, null);
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    if (!event.dataTransfer.files.length) return;
    const files = new DataTransfer();
    files.items.add(event.dataTransfer.files[0]);
    input.files = files.files;
    input.dispatchEvent(new Event("change"));
  });
  return { zone, input, file: () => input.files[0] || null };
}

function showPreview(img, url, width, height) {
  // A box of fixed size (CSS) holds the preview: the page does not move as it loads.
  img.src = url;
  if (width && height) {
    img.width = width;
    img.height = height;
  } else {
    img.removeAttribute("width");
    img.removeAttribute("height");
  }
  img.alt = "Preview";
  img.hidden = false;
}
