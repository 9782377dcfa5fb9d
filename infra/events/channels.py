"""The Redis pub/sub channels of live events: every name is built here."""

PREFIX = "pinmark:"
ACTIONS = f"{PREFIX}actions"


def image_channel(image_id) -> str:
    return f"{PREFIX}image:{int(image_id)}"


def user_channel(user_id) -> str:
    return f"{PREFIX}user:{int(user_id)}"


def job_channel(job_id) -> str:
    return f"{PREFIX}job:{int(job_id)}"
