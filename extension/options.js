// The server and the OAuth app's client ID. A server other than the one the extension was
// built for needs the person's permission to reach it (an optional host permission).
import { redirectUrl } from "./lib/auth.js";
import { localize, t } from "./lib/i18n.js";
import { saveSettings, serverOrigin, settings } from "./lib/settings.js";

const form = document.getElementById("options");
const status = document.getElementById("status");

async function fill() {
  const current = await settings();
  form.elements.serverUrl.value = current.serverUrl;
  form.elements.clientId.value = current.clientId;
  document.getElementById("redirect-uri").textContent = redirectUrl();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const serverUrl = serverOrigin(form.elements.serverUrl.value);
  const clientId = form.elements.clientId.value.trim();
  if (!serverUrl) {
    status.textContent = t("serverRefused");
    return;
  }
  // Asked first, while the click still counts as the person's gesture.
  const { protocol, hostname } = new URL(serverUrl);
  const granted = await chrome.permissions.request({ origins: [`${protocol}//${hostname}/*`] });
  if (!granted) {
    status.textContent = t("permissionRefused", serverUrl);
    return;
  }
  await saveSettings({ serverUrl, clientId });
  status.textContent = t("optionsSaved");
});

localize();
fill();
