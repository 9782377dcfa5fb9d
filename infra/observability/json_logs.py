"""Log lines as JSON objects, one per line (LOG_FORMAT=json), for log collectors.

Each line has `time` (UTC, ISO 8601), `level`, `logger` and `message`; while a
request is handled, also its `request_id`, `operation`, `operation_type` and
`user_id`; access lines (`pinmark.access`) add `method`, `path`, `status` and
`duration_ms`; a traceback is in `exception`.
"""

import json
import logging
from datetime import UTC, datetime

from infra.observability import request_observation

EXTRA_FIELDS = ("method", "path", "status", "duration_ms")


class RequestContextFilter(logging.Filter):
    """Adds the current request's id, operation and user to every record."""

    def filter(self, record):
        observed = request_observation.current()
        if observed is not None:
            record.request_id = observed.request_id
            record.operation = observed.operation_name
            record.operation_type = observed.operation_type
            record.user_id = observed.user_id
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in ("request_id", "operation", "operation_type", "user_id", *EXTRA_FIELDS):
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
