// The settings page's language: the browser's, English or Español. Signed in, the choice
// is the account's (`updateProfile(input: {language})`, User.language: every device
// follows it at its next sign-in or start); signed out, this device's only. The page is
// then drawn again in the new language (a reload: messages are read once, at start).
import { graphql } from "./api.js";
import { announce, choices, h } from "./dom.js";
import { CHOSEN_LANGUAGE, language, LANGUAGES, rememberLanguage, t } from "./i18n.js";
import { signedIn } from "./session.js";

const BROWSER = "browser";

const CHOOSE = `mutation ChooseLanguage($language: Language) {
  updateProfile(input: {language: $language}) { user { language } errors { field code message } }
}`;

function chosenHere() {
  try {
    return localStorage.getItem(CHOSEN_LANGUAGE) ? language : BROWSER;
  } catch {
    return BROWSER;
  }
}

const OPTIONS = [
  {
    value: BROWSER,
    label: t("Your browser's language"),
    hint: t("The first of your browser's languages that Pinmark speaks, else English."),
  },
  { value: "en", label: LANGUAGES.en, hint: t("Pinmark speaks English to you.") },
  { value: "es", label: LANGUAGES.es, hint: t("Pinmark speaks Spanish to you.") },
];

async function choose(value, status) {
  const code = value === BROWSER ? null : value;
  if (signedIn()) {
    status.textContent = t("Saving…");
    try {
      const { updateProfile: payload } = await graphql(CHOOSE, { language: code && code.toUpperCase() });
      if (payload.errors.length) {
        status.textContent = payload.errors.map((error) => error.message).join(" ");
        return;
      }
    } catch (error) {
      status.textContent = error.message;
      return;
    }
  }
  status.textContent = "";
  if (rememberLanguage(code)) location.reload();
  else announce(t("Your language is saved."));
}

export function languageSection() {
  const picker = choices({
    legend: t("Read Pinmark in"),
    name: "language",
    options: OPTIONS,
    checked: chosenHere(),
    prefix: "language",
  });
  // Each language's name is said in that language (for a screen reader's voice too).
  for (const code of Object.keys(LANGUAGES)) picker.querySelector(`label[for=language-${code}]`).lang = code;
  const status = h("p", { class: "form-error", id: "language-status", role: "alert" });
  picker.addEventListener("change", (event) => choose(event.target.value, status));
  const where = signedIn()
    ? t("Kept in your account: your other devices follow it when you sign in there.")
    : t("Kept on this device only, until you sign in.");
  return h(
    "section",
    { id: "language", class: "narrow", "aria-labelledby": "language-title" },
    h("h2", { id: "language-title", text: t("Language") }),
    h("p", { class: "hint", text: where }),
    picker,
    status,
  );
}
