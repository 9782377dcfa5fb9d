// "/upload": a file (drop area and preview), a title and a description; the payload's
// errors shown on their fields. The new image's page opens once it is saved.
import { graphql } from "../api.js";
import { imagePath } from "../components/cards.js";
import { fileDrop } from "../components/file-drop.js";
import {
  announce,
  field,
  formErrorBox,
  h,
  heading,
  onSubmit,
  showErrors,
  signInFirst,
  submitRow,
} from "../dom.js";
import { navigate } from "../router.js";
import { signedIn } from "../session.js";

const UPLOAD = `mutation Upload($input: UploadImageInput!) {
  uploadImage(input: $input) { image { id slug title } errors { field code message } }
}`;

export default function upload(view) {
  view.append(heading("Upload an image"));
  if (!signedIn()) {
    view.append(signInFirst("/upload", "to upload images"));
    return;
  }
  const file = fileDrop({ name: "file", label: "Image file" });
  const form = h(
    "form",
    { id: "upload-form", class: "stacked", "aria-label": "Upload", novalidate: true },
    formErrorBox(),
    file.zone,
    field("Title", { name: "title", required: true, maxlength: 200 }),
    field("Description (optional)", { name: "description", rows: 4, maxlength: 5000 }, "textarea"),
    submitRow("Upload"),
  );
  onSubmit(form, async ({ title, description }) => {
    const chosen = file.file();
    if (!chosen) {
      showErrors(form, [{ field: "file", message: "Choose an image file to upload." }]);
      return;
    }
    const input = { file: null, title, description };
    const { uploadImage: payload } = await graphql(UPLOAD, { input }, { "variables.input.file": chosen });
    if (payload.errors.length) {
      showErrors(form, payload.errors);
      return;
    }
    await navigate(imagePath(payload.image));
    announce(`“${payload.image.title}” is posted.`);
  });
  view.append(
    form,
    h("p", { class: "hint" }, "To save an image from another site, use the ",
      h("a", { href: "/bookmarklet/", text: "bookmarklet" }), "."),
  );
}
