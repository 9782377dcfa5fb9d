// The page's images worth saving, as the bookmarklet lists them (static/bookmarklet/
// bookmarklet.js): loaded, at least 100 pixels both ways, http(s), a raster format by name
// (or no extension: the server checks the real bytes). `listPageImages` is injected into
// the page by scripting.executeScript, in the extension's isolated world, so it must be
// self-contained; the page's Content-Security-Policy does not apply to it.
export function listPageImages() {
  const MIN_SIZE = 100;
  const FORMATS = ["jpg", "jpeg", "jpe", "jfif", "png", "gif", "webp"];
  const savable = (src) => {
    let url;
    try {
      url = new URL(src, document.baseURI);
    } catch {
      return false;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    const name = url.pathname.split("/").pop();
    const dot = name.lastIndexOf(".");
    return dot <= 0 || FORMATS.includes(name.slice(dot + 1).toLowerCase());
  };
  const seen = new Set();
  const found = [];
  for (const img of document.images) {
    const src = img.currentSrc || img.src;
    if (!src || seen.has(src) || !img.complete) continue;
    if (img.naturalWidth < MIN_SIZE || img.naturalHeight < MIN_SIZE || !savable(src)) continue;
    seen.add(src);
    found.push({ src, width: img.naturalWidth, height: img.naturalHeight, alt: img.alt || "" });
  }
  return { title: document.title, url: location.href, images: found };
}
