// Tags as a person types them: words separated by spaces or commas. The API normalises
// each one (docs/tags.md); the site's forms and the bookmarklet's save page share this.
export function parseTags(text) {
  return (text || "").split(/[\s,]+/).filter(Boolean);
}
