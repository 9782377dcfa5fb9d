// The Pinmark overlay, loaded into any page by the bookmarklet's launcher.
// It only reads the page: its UI lives in a shadow root attached to one element of its own,
// which is removed again on close. No token or password ever passes through this page:
// saving happens in a popup on Pinmark's own origin.
(function () {
  "use strict";

  var MIN_SIZE = 100;
  var FORMATS = ["jpg", "jpeg", "jpe", "jfif", "png", "gif", "webp"];
  var HOST_TAG = "pinmark-bookmarklet";

  var script = document.currentScript;
  var saveUrl = script && script.dataset.saveUrl;
  if (!saveUrl) {
    return;
  }

  var CSS = [
    ":host { all: initial !important; position: fixed !important; inset: 0 !important;",
    "  z-index: 2147483647 !important; display: block !important; }",
    ".backdrop { position: absolute; inset: 0; background: rgba(0, 0, 0, 0.55); }",
    ".panel { position: absolute; top: 24px; left: 50%; transform: translateX(-50%);",
    "  width: min(920px, calc(100vw - 32px)); max-height: calc(100vh - 48px); overflow: auto;",
    "  background: #fff; color: #1d1d1f; border-radius: 10px; box-shadow: 0 8px 40px rgba(0,0,0,.35);",
    "  font: 15px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }",
    "header { display: flex; align-items: center; justify-content: space-between;",
    "  padding: 12px 16px; border-bottom: 1px solid #e3e3e3; position: sticky; top: 0; background: #fff; }",
    "h1 { font-size: 17px; margin: 0; font-weight: 700; }",
    "h1 span { color: #c2185b; }",
    ".close { font: inherit; font-size: 22px; line-height: 1; width: 36px; height: 36px; border: 0;",
    "  border-radius: 50%; background: #f1f1f1; color: #1d1d1f; cursor: pointer; }",
    ".close:hover, .close:focus-visible { background: #e0e0e0; }",
    "p { margin: 16px; color: #5f6368; }",
    "ul { list-style: none; margin: 0; padding: 16px; display: grid; gap: 12px;",
    "  grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); }",
    ".image { all: unset; box-sizing: border-box; display: flex; flex-direction: column; width: 100%;",
    "  height: 100%; cursor: pointer; border-radius: 8px; overflow: hidden; background: #f4f4f4;",
    "  outline: 2px solid transparent; }",
    ".image:hover, .image:focus-visible { outline-color: #c2185b; }",
    ".image img { display: block; width: 100%; height: 150px; object-fit: cover; }",
    ".image span { padding: 6px 8px; font-size: 12px; color: #5f6368; }",
  ].join("\n");

  // The overlay's few messages in the reader's language. This page is not ours, so it
  // cannot load our modules nor read the language chosen on Pinmark: the browser's
  // languages decide. The table is the overlay's part of static/app/locales/es.js, copied
  // here (scripts/bookmarklet_messages.py writes it; tests fail when it is not current).
  // BEGIN MESSAGES
  var CATALOGUES = {
    "es": {
      "Save this image": "Guardar esta imagen",
      "Close": "Cerrar",
      "No image of at least {size}×{size} pixels in JPEG, PNG, GIF or WebP on this page.": "No hay en esta página ninguna imagen JPEG, PNG, GIF o WebP de al menos {size}×{size} píxeles.",
      "save an image": "guardar una imagen",
      "One image found: pick it to save it.": "Se encontró una imagen: elígela para guardarla.",
      "{count} images found: pick one to save it.": "Se encontraron {count} imágenes: elige una para guardarla.",
    },
  };
  // END MESSAGES
  var language = (function () {
    var tags = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < tags.length; i++) {
      var base = String(tags[i]).toLowerCase().split("-")[0];
      if (base === "en" || CATALOGUES[base]) {
        return base;
      }
    }
    return "en";
  })();

  function formatNumber(value) {
    try {
      return new Intl.NumberFormat(language).format(value);
    } catch (e) {
      return String(value);
    }
  }

  function t(text, values) {
    var catalogue = CATALOGUES[language] || {};
    var message = Object.prototype.hasOwnProperty.call(catalogue, text) ? catalogue[text] : text;
    return message.replace(/\{(\w+)\}/g, function (whole, name) {
      if (!values || !(name in values)) {
        return whole;
      }
      return typeof values[name] === "number" ? formatNumber(values[name]) : String(values[name]);
    });
  }

  function plural(count, one, other, values) {
    var rule = "other";
    try {
      rule = new Intl.PluralRules(language).select(count);
    } catch (e) {
      rule = count === 1 ? "one" : "other";
    }
    return t(rule === "one" ? one : other, Object.assign({ count: count }, values));
  }

  var host = null;

  function extensionOf(url) {
    var name = url.pathname.split("/").pop();
    var dot = name.lastIndexOf(".");
    return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  }

  // The format is judged by the file name; an address without an extension is listed and the
  // server, which checks the real bytes, has the last word.
  function isSavableAddress(src) {
    var url;
    try {
      url = new URL(src, document.baseURI);
    } catch (e) {
      return false;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return false;
    }
    var extension = extensionOf(url);
    return extension === "" || FORMATS.indexOf(extension) !== -1;
  }

  function eligibleImages() {
    var seen = {};
    var found = [];
    Array.prototype.forEach.call(document.images, function (img) {
      var src = img.currentSrc || img.src;
      if (!src || seen[src] || !img.complete) {
        return;
      }
      if (img.naturalWidth < MIN_SIZE || img.naturalHeight < MIN_SIZE || !isSavableAddress(src)) {
        return;
      }
      seen[src] = true;
      found.push({ src: src, width: img.naturalWidth, height: img.naturalHeight, alt: img.alt });
    });
    return found;
  }

  function element(tag, properties, children) {
    var node = document.createElement(tag);
    Object.keys(properties || {}).forEach(function (key) {
      if (key === "text") {
        node.textContent = properties[key];
      } else if (key === "data") {
        Object.assign(node.dataset, properties[key]);
      } else {
        node.setAttribute(key, properties[key]);
      }
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function adoptStyles(root) {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      root.appendChild(element("style", { text: CSS }));
    }
  }

  function openSavePage(image) {
    // The image's own description names it best; the page's title otherwise.
    var title = (image.alt || "").trim() || document.title.trim();
    var query = new URLSearchParams({ url: image.src, title: title });
    // noopener: the Pinmark window gets no handle on this page, nor this page on it.
    window.open(saveUrl + "?" + query.toString(), "_blank", "popup,width=560,height=720,noopener");
    close();
  }

  function imageButton(image) {
    var button = element("button", { type: "button", class: "image", data: { src: image.src },
      title: t("Save this image") }, [
      element("img", { src: image.src, alt: image.alt || "", referrerpolicy: "no-referrer" }),
      element("span", { text: formatNumber(image.width) + " × " + formatNumber(image.height) }),
    ]);
    button.addEventListener("click", function () { openSavePage(image); });
    return element("li", {}, [button]);
  }

  function build() {
    var images = eligibleImages();
    var closeButton = element("button", { type: "button", class: "close", "aria-label": t("Close"),
      text: "×" });
    closeButton.addEventListener("click", close);
    var backdrop = element("div", { class: "backdrop" });
    backdrop.addEventListener("click", close);
    var summary = images.length
      ? plural(images.length, "One image found: pick it to save it.",
        "{count} images found: pick one to save it.")
      : t("No image of at least {size}×{size} pixels in JPEG, PNG, GIF or WebP on this page.",
        { size: MIN_SIZE });
    var panel = element("div", { class: "panel", role: "dialog", "aria-modal": "true", lang: language,
      "aria-labelledby": "pinmark-title" }, [
      element("header", {}, [
        element("h1", { id: "pinmark-title" }, [element("span", { text: "Pinmark" }),
          document.createTextNode(" · " + t("save an image"))]),
        closeButton,
      ]),
      element("p", { class: "summary", text: summary }),
      element("ul", {}, images.map(imageButton)),
    ]);
    var node = document.createElement(HOST_TAG);
    var root = node.attachShadow({ mode: "open" });
    adoptStyles(root);
    root.appendChild(backdrop);
    root.appendChild(panel);
    return { node: node, focus: function () { closeButton.focus(); } };
  }

  function onKey(event) {
    if (event.key === "Escape") {
      event.stopPropagation();
      close();
    }
  }

  function open() {
    if (host) {
      return;
    }
    var overlay = build();
    host = overlay.node;
    document.documentElement.appendChild(host);
    document.addEventListener("keydown", onKey, true);
    overlay.focus();
  }

  function close() {
    if (!host) {
      return;
    }
    document.removeEventListener("keydown", onKey, true);
    host.remove();
    host = null;
  }

  function toggle() {
    if (host) {
      close();
    } else {
      open();
    }
  }

  window.pinmarkBookmarklet = { open: open, close: close, toggle: toggle };
  open();
})();
