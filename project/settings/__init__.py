"""Pinmark settings: every value comes from the environment (docs/configuration.md),
one module per subject."""

from project.settings.accounts import *  # noqa: F403
from project.settings.api import *  # noqa: F403
from project.settings.core import *  # noqa: F403
from project.settings.images import *  # noqa: F403
from project.settings.jobs import *  # noqa: F403
from project.settings.operations import *  # noqa: F403
from project.settings.tasks import *  # noqa: F403
from project.settings.webhooks import *  # noqa: F403
