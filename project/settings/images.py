"""Redis, the image downloader, image limits, view counts and thumbnails."""

from images.thumbnail_sizes import THUMBNAIL_SIZES
from project.settings.core import VAR_DIR
from project.settings.env import env_int, env_list, env_str

REDIS_URL = env_str("REDIS_URL")
REDIS_EMBEDDED_PATH = VAR_DIR / "redis.db"
REDIS_SOCKET_TIMEOUT = float(env_str("REDIS_SOCKET_TIMEOUT", "0.5"))

IMAGE_FETCH_ALLOWED_HOSTS = env_list("IMAGE_FETCH_ALLOWED_HOSTS")
IMAGE_FETCH_CONNECT_TIMEOUT = float(env_str("IMAGE_FETCH_CONNECT_TIMEOUT", "3"))
IMAGE_FETCH_READ_TIMEOUT = float(env_str("IMAGE_FETCH_READ_TIMEOUT", "5"))
IMAGE_FETCH_TOTAL_TIMEOUT = float(env_str("IMAGE_FETCH_TOTAL_TIMEOUT", "20"))
# Downloads in flight at once (images/download_slots.py): per user, and across
# the fleet, by default half the web workers of one machine (gunicorn reads
# WEB_CONCURRENCY as its worker count), so the rest keep answering.
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", 2)
IMAGE_FETCH_MAX_IN_FLIGHT = env_int("IMAGE_FETCH_MAX_IN_FLIGHT", max(1, WEB_CONCURRENCY // 2))
IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER = env_int("IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER", 2)
# Largest image file accepted, downloaded or uploaded.
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 10 * 2**20)
# Decoded size cap (decompression bombs): 50 megapixels is about 200 MB as RGBA.
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 50_000_000)
# Files one multipart request may carry (Django stops parsing past it); the
# body may be as long as that many files of IMAGE_MAX_BYTES (server/http/uploads.py).
UPLOAD_MAX_FILES = env_int("UPLOAD_MAX_FILES", 5)
DATA_UPLOAD_MAX_NUMBER_FILES = UPLOAD_MAX_FILES
# Frames of one animation; their pixels together count against IMAGE_MAX_PIXELS.
IMAGE_MAX_FRAMES = env_int("IMAGE_MAX_FRAMES", 500)
VIEW_DEDUP_SECONDS = env_int("VIEW_DEDUP_SECONDS", 1800)
ACTION_DEDUP_SECONDS = env_int("ACTION_DEDUP_SECONDS", 60)

THUMBNAIL_ALIASES = {"": {name: size.alias_options() for name, size in THUMBNAIL_SIZES.items()}}
THUMBNAIL_SOURCE_GENERATORS = ("images.thumbnails.draft_source",)
THUMBNAIL_PRESERVE_EXTENSIONS = ("png", "gif", "webp")
THUMBNAIL_NAMER = "easy_thumbnails.namers.alias"

# Comments one person may write per window (comments/services.py), counted in Redis.
COMMENT_LIMIT = env_int("COMMENT_LIMIT", 10)
COMMENT_WINDOW_SECONDS = env_int("COMMENT_WINDOW_SECONDS", 60)
# The same text by the same person under the same image within this is refused.
COMMENT_REPEAT_SECONDS = env_int("COMMENT_REPEAT_SECONDS", 60)
