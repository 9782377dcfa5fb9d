// Who may see an image, chosen on upload and on edit: public, unlisted or private.
import { choices } from "../dom.js";

export const VISIBILITY = [
  { value: "PUBLIC", label: "Public", hint: "Anyone can see it, and it is listed on Pinmark." },
  {
    value: "UNLISTED",
    label: "Unlisted",
    hint: "Anyone with its link can open it; it is never listed.",
  },
  {
    value: "PRIVATE",
    label: "Private",
    hint: "Only you, and the people of your secret boards that hold it.",
  },
];

export function visibilityLabel(value) {
  const found = VISIBILITY.find((option) => option.value === value);
  return found ? found.label : value;
}

// The radio buttons, named `visibility` (the API's argument); `prefix` keeps ids apart.
export function visibilityChoice(prefix, checked = "PUBLIC") {
  return choices({ legend: "Who can see it", name: "visibility", options: VISIBILITY, checked, prefix });
}
