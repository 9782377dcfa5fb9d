"""The one exception domain services raise for failures a user can fix."""

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Problem:
    """What is wrong, and with which input: `field` as Python names it (`date_of_birth`),
    or None for the whole request."""

    code: Enum
    message: str
    field: str | None = None


class DomainError(Exception):
    """One or more problems with a request; nothing was changed."""

    def __init__(self, *problems: Problem):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems

    @classmethod
    def of(cls, code, message, field=None):
        return cls(Problem(code, message, field))
