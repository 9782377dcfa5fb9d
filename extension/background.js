// The background (a service worker in Chromium, an event page in Firefox): it only keeps
// the context menu. Choosing "Save image to Pinmark" opens the extension's save window for
// that image; nothing is injected into the page.
import { t } from "./lib/i18n.js";

const MENU_ID = "save-image";

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({
    id: MENU_ID,
    title: t("menuSaveImage"),
    contexts: ["image"],
  });
});

export function saveWindowUrl({ srcUrl, pageUrl, title }) {
  const params = new URLSearchParams({ src: srcUrl, page: pageUrl || "", title: title || "" });
  return chrome.runtime.getURL(`popup.html?${params}`);
}

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || !info.srcUrl) return;
  const url = saveWindowUrl({ srcUrl: info.srcUrl, pageUrl: info.pageUrl, title: tab && tab.title });
  chrome.windows.create({ url, type: "popup", width: 420, height: 600 });
});
