"""Each contender's answer as the list of rows it holds, in the GraphQL answer's
shape, so that answers of different shapes can be checked equal before a load."""

from graphql_relay import to_global_id


def graphql_rows(answer, field):
    """The nodes of connection `field` of a GraphQL answer (ours, strawberry's, the floor's)."""
    if answer.get("errors") or not answer.get("data"):
        raise ValueError(f"an answer with errors: {answer.get('errors')}")
    return [edge["node"] for edge in answer["data"][field]["edges"]]


def _rows_with_head(answer, field, rows_field, missing):
    """The rows of `field`'s `rows_field`, each with the rest of `field` (so that it is
    compared too)."""
    if answer.get("errors") or not answer.get("data"):
        raise ValueError(f"an answer with errors: {answer.get('errors')}")
    owner = answer["data"][field]
    if owner is None:
        raise ValueError(missing)
    head = {key: value for key, value in owner.items() if key != rows_field}
    return [{**edge["node"], field: head} for edge in owner[rows_field]["edges"]]


def graphql_board_rows(answer):
    """The pins of the board page, each with the board's head."""
    return _rows_with_head(answer, "board", "pins", "no such board for this viewer")


def graphql_image_page_rows(answer):
    """The comments of the image page, each with the image."""
    return _rows_with_head(answer, "image", "comments", "no such image for this viewer")


def drf_image_rows(answer):
    return [drf_image_row(image) for image in answer["results"]]


def drf_image_row(image):
    return {
        "id": to_global_id("Image", image["id"]),
        "title": image["title"],
        "slug": image["slug"],
        "postedBy": image["posted_by"],
        "thumbnail": image["thumbnail"],
        "totalLikes": image["total_likes"],
        "likedByViewer": image["liked_by_viewer"],
        "totalViews": image["total_views"],
    }


def drf_feed_rows(answer):
    return [
        {
            "id": to_global_id("Action", action["id"]),
            "verb": action["verb"].upper(),
            "createdAt": _utc_offset(action["created_at"]),
            "actor": action["actor"],
            "target": _drf_target(action["target"]),
        }
        for action in answer["results"]
    ]


def drf_board_rows(answer):
    board = answer["board"]
    head = {
        "id": to_global_id("Board", board["id"]),
        "name": board["name"],
        "privacy": board["privacy"].upper(),
        "pinsCount": board["pins_count"],
        "owner": board["owner"],
    }
    return [
        {
            "id": to_global_id("Pin", pin["id"]),
            "createdAt": _utc_offset(pin["created_at"]),
            "image": drf_image_row(pin["image"]),
            "board": head,
        }
        for pin in answer["results"]
    ]


def drf_image_page_rows(answer):
    image = answer["image"]
    head = {
        **drf_image_row(image),
        "description": image["description"],
        "createdAt": _utc_offset(image["created_at"]),
        "commentsCount": image["comments_count"],
    }
    return [
        {
            "id": to_global_id("Comment", comment["id"]),
            "text": comment["text"],
            "createdAt": _utc_offset(comment["created_at"]),
            "author": comment["author"],
            "image": head,
        }
        for comment in answer["results"]
    ]


def _drf_target(target):
    if target is None:
        return None
    kind, fields = target["type"], {key: value for key, value in target.items() if key != "type"}
    if kind == "image":
        return {
            "title": fields["title"],
            "thumbnail": fields["thumbnail"],
            "postedBy": fields["posted_by"],
        }
    return fields


def _utc_offset(timestamp):
    """DRF writes UTC as `Z`, graphene and strawberry as `+00:00`."""
    return timestamp[:-1] + "+00:00" if timestamp.endswith("Z") else timestamp
