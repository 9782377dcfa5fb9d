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
    """One or more problems with a request; nothing was changed. `details` names what the
    answer should show besides the problems (the image a duplicate is a copy of: the API
    returns each as a payload field of that name)."""

    def __init__(self, *problems: Problem, details=None):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems
        self.details = details or {}

    @classmethod
    def of(cls, code, message, field=None, *, details=None):
        return cls(Problem(code, message, field), details=details)
