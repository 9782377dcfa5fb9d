"""`@username` mentions in a comment's text."""

import re

from comments.models import MAX_MENTIONS

# `@` starting a word (not an e-mail address's), then what a username may hold.
MENTION = re.compile(r"(?<![\w@.+-])@(\w[\w.@+-]{0,149})")


def mentioned_usernames(text: str) -> list[str]:
    """The usernames `text` mentions, in lower case, each once, in the order first written;
    the first MAX_MENTIONS of them. A trailing full stop ends a sentence, not a name."""
    names = []
    for match in MENTION.finditer(text):
        name = match.group(1).rstrip(".").lower()
        if name and name not in names:
            names.append(name)
            if len(names) == MAX_MENTIONS:
                break
    return names
