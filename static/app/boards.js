// Boards as both of this origin's clients (the site and the bookmarklet's save page) use
// them: the viewer's boards to save to, creating one, and the board chosen last (kept in
// localStorage, per person, so the next save offers it first).
import { graphql } from "./api.js";
import { t } from "./i18n.js";

const LAST_BOARD = "pinmark.lastBoard";
// Enough for a picker; a person with more finds the rest by creating or renaming.
const PICKER_SIZE = 100;

const VIEWER_BOARDS = `query ViewerBoards($first: Int!) {
  viewer {
    username
    boards(first: $first, includeCollaborations: true) {
      edges { node { id name slug privacy owner { username } } }
    }
  }
}`;

const CREATE_BOARD = `mutation CreateBoard($input: CreateBoardInput!) {
  createBoard(input: $input) {
    board { id name slug privacy owner { username } } errors { field code message }
  }
}`;

// What each privacy means, in one line, wherever a person chooses it.
export const BOARD_PRIVACY = [
  { value: "PUBLIC", label: t("Public"), hint: t("Anyone can see the board and its pins.") },
  { value: "SECRET", label: t("Secret"), hint: t("Only you and the people you add see it.") },
];

// The boards the signed-in person may save to (their own and those they collaborate on),
// newest first, each with the `label` a picker shows: its name, and whose it is when not
// theirs.
export async function viewerBoards() {
  const { viewer } = await graphql(VIEWER_BOARDS, { first: PICKER_SIZE });
  if (!viewer) return [];
  return viewer.boards.edges.map(({ node }) => ({
    ...node,
    label: boardLabel(node, viewer.username),
  }));
}

export function boardLabel(board, username) {
  const owner = board.owner && board.owner.username;
  return !owner || owner === username ? board.name : t("{board} ({owner}'s)", { board: board.name, owner });
}

// `{board, errors}` of createBoard; errors name the fields `name`, `description`, `privacy`.
export async function createBoard({ name, description = "", privacy = "PUBLIC" }) {
  const { createBoard: payload } = await graphql(CREATE_BOARD, {
    input: { name, description, privacy },
  });
  return payload;
}

export function lastBoard(username) {
  try {
    const saved = JSON.parse(localStorage.getItem(LAST_BOARD));
    return saved && saved.username === username ? saved.id : null;
  } catch {
    return null;
  }
}

export function rememberBoard(username, id) {
  localStorage.setItem(LAST_BOARD, JSON.stringify({ username, id }));
}
