// The operations the extension runs: the person's boards, whether a picture is already
// saved (savedImage: by address, nothing downloaded), and saving one (bookmarkImage, whose
// ALREADY_SAVED names the existing image when the same picture came from elsewhere).
import { graphql } from "./api.js";

const PICKER_SIZE = 100;
const SAVED_FIELDS = "id slug title savesCount";

const VIEWER_BOARDS = `query ExtensionBoards($first: Int!) {
  viewer { username boards(first: $first, includeCollaborations: true) {
    edges { node { id name privacy owner { username } } } } }
}`;
const SAVED_IMAGE = `query ExtensionSavedImage($url: String!) {
  savedImage(url: $url) { ${SAVED_FIELDS} }
}`;
const BOOKMARK = `mutation ExtensionBookmark($input: BookmarkImageInput!) {
  bookmarkImage(input: $input) {
    image { ${SAVED_FIELDS} thumbnail { url } }
    existingImage { ${SAVED_FIELDS} }
    errors { field code message }
  }
}`;

export async function viewerBoards() {
  const { viewer } = await graphql(VIEWER_BOARDS, { first: PICKER_SIZE });
  if (!viewer) return { username: null, boards: [] };
  const boards = viewer.boards.edges.map(({ node }) => {
    const owner = node.owner && node.owner.username;
    const label = !owner || owner === viewer.username ? node.name : `${node.name} (${owner}'s)`;
    return { id: node.id, label };
  });
  return { username: viewer.username, boards };
}

// The person's own image of that address, or null.
export async function savedImage(url) {
  return (await graphql(SAVED_IMAGE, { url })).savedImage;
}

export async function bookmark({ url, title, boardId }) {
  const input = { url, title: title.slice(0, 200) || "Untitled", description: "" };
  if (boardId) input.boardId = boardId;
  return (await graphql(BOOKMARK, { input })).bookmarkImage;
}

export function imageAddress(serverUrl, image) {
  const segment = encodeURIComponent;
  return `${serverUrl}/images/${segment(image.id)}/${segment(image.slug)}`;
}
