// Opens GraphiQL with an example document when the URL names no query.
(function () {
  var EXAMPLE = [
    "# Welcome to the Pinmark API.",
    "#",
    "# 1. Run `SignIn` (the demo users' passwords are printed by `make run`).",
    "# 2. Copy `token` from the answer, open the Headers tab below and paste:",
    '#      {"Authorization": "Bearer <token>"}',
    "# 3. Run `Images` and `Feed`. Tokens last 5 minutes: exchange the",
    "#    refreshToken with the refreshToken mutation for a new pair.",
    "",
    "mutation SignIn {",
    '  login(input: {username: "ann", password: "pinmark-demo-ann"}) {',
    "    token",
    "    refreshToken",
    "    user { username }",
    "    errors { field code message }",
    "  }",
    "}",
    "",
    "query Images {",
    "  images(first: 5) {",
    "    totalCount",
    "    edges { node { id title totalLikes likedByViewer totalViews",
    "      postedBy { username } thumbnail(size: SMALL) { url width height } } }",
    "    pageInfo { hasNextPage endCursor }",
    "  }",
    "  imageRanking(first: 3) { title totalViews }",
    "}",
    "",
    "query Feed {",
    "  feed(first: 10) {",
    "    edges { node { verb description createdAt",
    "      actor { username }",
    "      target { __typename ... on Image { title } ... on User { username } } } }",
    "  }",
    "}",
    "",
  ].join("\n");
  var params = new URLSearchParams(window.location.search);
  if (!params.has("query")) {
    params.set("query", EXAMPLE);
    window.history.replaceState(null, "", "?" + params.toString());
  }
})();
