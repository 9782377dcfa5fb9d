"""The read paths of comments the leak matrix walks (tests/leak_paths.py explains a path).

cole's comment on each image subject (tests/leak_world.py) shows exactly where the image
opens: under it, by its ID, in the image's count; and writing or deleting one answers,
for an image one may not see, exactly as for a missing one.
"""

from tests.leak_paths import ERRORS, PAGE, Path, _differs_from_missing, data, listed_ids
from tests.leak_world import COLLABORATOR, IMAGE_SUBJECTS, POSTER, may_list, may_open


def image_comments(world, viewer, subject):
    """The comments under the image (its `commentsCount` counting every one listed)."""
    query = f"""query($id: ID!) {{ image(id: $id) {{
      commentsCount comments(first: {PAGE}) {{ totalCount edges {{ node {{ id }} }} }} }} }}"""
    image = data(world, viewer, query, {"id": subject.image_id})["image"]
    if image is None:
        return False
    ids = listed_ids(image["comments"])
    assert image["commentsCount"] == len(ids), image
    return subject.comment_id in ids


def comments_count_of_the_posters_images(world, viewer, subject):
    """The comments counts of the poster's images as listed to the viewer (counted for the
    page at once, each what the viewer finds under the image): a count shows only with an
    image the viewer may see."""
    query = f"""query($u: String!) {{ user(username: $u) {{ images(first: {PAGE}) {{
      edges {{ node {{ id commentsCount comments(first: 10) {{ edges {{ node {{ id }} }} }}
      }} }} }} }} }}"""
    user = data(world, viewer, query, {"u": "paula"})["user"]
    if user is None:  # paula is absent to someone on either side of a block with her
        return False
    for edge in user["images"]["edges"]:
        assert edge["node"]["commentsCount"] == len(edge["node"]["comments"]["edges"]), edge
    counted = {
        edge["node"]["id"]: edge["node"]["commentsCount"] for edge in user["images"]["edges"]
    }
    return counted.get(subject.image_id, 0) > 0


def node_of_comment(world, viewer, subject):
    """The comment by its ID, and its image through it."""
    query = "query($id: ID!) { node(id: $id) { id ... on Comment { image { id } } } }"
    found = data(world, viewer, query, {"id": subject.comment_id})["node"]
    if found is not None:
        assert found["image"]["id"] == subject.image_id
    return found is not None


def add_comment(world, viewer, subject):
    query = f"""mutation($id: ID!) {{ addComment(input: {{imageId: $id, text: "Hi"}}) {{
      {ERRORS} }} }}"""
    return _differs_from_missing(
        world,
        viewer,
        query,
        "addComment",
        {"id": subject.image_id},
        {"id": world.ghosts["image"]["id"]},
    )


def delete_comment(world, viewer, subject):
    """cole's comment deleted: by cole or paula; NOT_YOURS for others who may list it."""
    query = f"mutation($id: ID!) {{ deleteComment(input: {{id: $id}}) {{ {ERRORS} }} }}"
    return _differs_from_missing(
        world,
        viewer,
        query,
        "deleteComment",
        {"id": subject.comment_id},
        {"id": world.ghosts["comment"]},
    )


def expect_deleting(viewer, subject, world):
    """Its author (cole) and the poster find it where they may open the image; anyone
    else where the image is listed to them (comment IDs can be walked)."""
    if viewer in (POSTER, COLLABORATOR):
        return may_open(viewer, subject)
    return may_list(viewer, subject)


def expect_listed_with_the_image(viewer, subject, world):
    """A count shows in the poster's list of images where the image is listed."""
    if viewer == POSTER:
        return True
    return may_open(viewer, subject) and subject != "unlisted"


COMMENT_PATHS = [
    Path("Image.comments", image_comments, IMAGE_SUBJECTS, rule=may_open),
    Path(
        "User.images.commentsCount",
        comments_count_of_the_posters_images,
        IMAGE_SUBJECTS,
        expect=expect_listed_with_the_image,
    ),
    # A comment's ID carries no link key: it opens where its image is listed.
    Path("node(Comment)", node_of_comment, IMAGE_SUBJECTS, rule=may_list),
    Path("addComment", add_comment, IMAGE_SUBJECTS, rule=may_open, signed_in_only=True),
    Path(
        "deleteComment", delete_comment, IMAGE_SUBJECTS, signed_in_only=True, expect=expect_deleting
    ),
]
