// A translated sentence with nodes in it: t("{who} liked {image}") gives the text in the
// reader's language, its {placeholders} left as they are; sentence() puts the nodes (links,
// badges) in their places, wherever the language puts them.
export function sentence(message, nodes) {
  return message
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part);
      return name && name[1] in nodes ? nodes[name[1]] : part;
    })
    .filter((part) => part !== "");
}
