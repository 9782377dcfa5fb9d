// Who may see an image, chosen on upload and on edit: public, unlisted or private.
import { choices } from "../dom.js";
import { t } from "../i18n.js";

export const VISIBILITY = [
  { value: "PUBLIC", label: t("Public"), hint: t("Anyone can see it, and it is listed on Pinmark.") },
  {
    value: "UNLISTED",
    label: t("Unlisted"),
    hint: t("Anyone with its link can open it; it is never listed."),
  },
  {
    value: "PRIVATE",
    label: t("Private"),
    hint: t("Only you, and the people of your secret boards that hold it."),
  },
];

export function visibilityLabel(value) {
  const found = VISIBILITY.find((option) => option.value === value);
  return found ? found.label : value;
}

// The radio buttons, named `visibility` (the API's argument); `prefix` keeps ids apart.
export function visibilityChoice(prefix, checked = "PUBLIC") {
  return choices({ legend: t("Who can see it"), name: "visibility", options: VISIBILITY, checked, prefix });

}
