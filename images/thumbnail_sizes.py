"""The sizes thumbnails are made in: the one list that the settings (easy-thumbnails'
aliases), images/thumbnails.py and the API's `ThumbnailSize` enum (values and
descriptions) are made from.

Plain data with no Django import, so that the settings can read it before any app
is loaded.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ThumbnailSize:
    """A size, named by the alias easy-thumbnails stores it under."""

    name: str
    width: int
    height: int = 0  # 0: in proportion to the width
    cropped: bool = False  # cut to exactly width x height, keeping what matters most

    def __post_init__(self):
        # images/thumbnails.py computes sizes for these two shapes only.
        if self.cropped != bool(self.height):
            raise ValueError(f"thumbnail size {self.name}: a height if and only if cropped")

    def alias_options(self) -> dict:
        """Its entry in easy-thumbnails' THUMBNAIL_ALIASES."""
        if self.cropped:
            return {"size": (self.width, self.height), "crop": "smart"}
        return {"size": (self.width, self.height)}

    @property
    def description(self) -> str:
        """What the API says of it, e.g. "300 pixels wide, the height in proportion."."""
        if not self.cropped:
            return f"{self.width} pixels wide, the height in proportion."
        shape = "a square" if self.width == self.height else "that size"
        return f"{self.width}×{self.height} pixels, cropped to {shape}."


THUMBNAIL_SIZES = {
    size.name: size
    for size in (
        ThumbnailSize("small", 150, 150, cropped=True),
        ThumbnailSize("medium", 300),
        ThumbnailSize("large", 600),
    )
}
