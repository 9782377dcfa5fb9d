"""A small demo dataset, drawn with Pillow (no network): `manage.py seed_demo`."""

import io
import math
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from PIL import ImageDraw

from boards import services as board_services
from boards.models import Board
from comments.models import Comment
from comments.services import add_comment
from images import selectors as image_selectors
from images.models import Image, Visibility
from images.services import like_image, update_image, upload_image
from images.services.view_counting import view_image
from users.services.accounts import update_profile
from users.services.follows import follow_user

User = get_user_model()

PEOPLE = {
    "ann": ("Ann", "Lee"),
    "bob": ("Bob", "Ray"),
    "carol": ("Carol", "Diaz"),
    "dan": ("Dan", "Okafor"),
}
ADMIN_PASSWORD = "pinmark-demo-admin"

# (poster, title, sky top, sky bottom, sun, ground)
PICTURES = [
    ("ann", "Sunset over the bay", (255, 94, 77), (255, 195, 113), (255, 240, 200), (40, 60, 110)),
    ("ann", "Morning fog", (200, 210, 220), (240, 240, 235), (255, 255, 240), (120, 140, 120)),
    ("bob", "Desert noon", (70, 150, 230), (170, 215, 250), (255, 250, 210), (220, 170, 100)),
    ("bob", "Northern lights", (10, 20, 50), (40, 160, 120), (220, 255, 230), (20, 30, 40)),
    ("carol", "Lavender field", (150, 130, 210), (250, 210, 230), (255, 245, 220), (120, 80, 170)),
    ("carol", "Harbour at dusk", (40, 40, 90), (240, 130, 90), (255, 220, 160), (30, 50, 70)),
    ("dan", "Snowy pass", (120, 170, 220), (235, 245, 255), (255, 255, 255), (240, 245, 250)),
    ("dan", "Autumn lake", (90, 140, 200), (250, 200, 120), (255, 230, 170), (160, 70, 30)),
]
TAGS = {
    "Sunset over the bay": ["sunset", "sea", "sky"],
    "Morning fog": ["fog", "morning"],
    "Desert noon": ["desert", "sky"],
    "Northern lights": ["night", "sky", "aurora"],
    "Lavender field": ["flowers", "purple"],
    "Harbour at dusk": ["sea", "sunset", "harbour"],
    "Snowy pass": ["snow", "mountains"],
    "Autumn lake": ["autumn", "lake", "mountains"],
    "Garden at home": ["garden", "home"],
}
# Landscapes, portraits and a panorama, as people post them (others are 1200 x 800).
SIZES = {
    "Morning fog": (800, 1100),
    "Desert noon": (1400, 600),
    "Northern lights": (900, 1200),
    "Lavender field": (1000, 1000),
    "Snowy pass": (800, 1000),
    "Autumn lake": (1200, 700),
}
# Profile photos (background, face, clothes); the others show their initial.
PHOTOS = {
    "ann": ((250, 205, 185), (120, 75, 55), (176, 20, 79)),
    "carol": ((190, 215, 235), (230, 180, 140), (40, 90, 150)),
}
FOLLOWS = {
    "ann": ["bob", "carol"],
    "bob": ["ann"],
    "carol": ["ann", "dan"],
    "dan": ["carol"],
}
LIKES = {
    "ann": ["Desert noon", "Lavender field", "Snowy pass"],
    "bob": ["Sunset over the bay", "Harbour at dusk"],
    "carol": ["Sunset over the bay", "Northern lights", "Autumn lake"],
    "dan": ["Sunset over the bay", "Morning fog", "Lavender field"],
}

# (author, title, text), the oldest first: a conversation under ann's sunset, with mentions.
COMMENTS = [
    ("bob", "Sunset over the bay", "Those colours! Where was this taken?"),
    ("ann", "Sunset over the bay", "From the pier, @bob, just before eight."),
    ("carol", "Sunset over the bay", "Lovely. @dan, this is the bay we talked about."),
    ("dan", "Sunset over the bay", "It is! Next time we all go."),
    ("ann", "Lavender field", "I can almost smell it, @carol."),
]

# A private image of ann's, shared through her secret board with its collaborator.
PRIVATE_PICTURE = (
    "ann",
    "Garden at home",
    (110, 170, 230),
    (210, 235, 250),
    (255, 245, 200),
    (60, 130, 60),
)
# (owner, name, privacy, collaborators, titles of the images pinned, the latest last)
BOARDS = [
    ("ann", "Skies", "public", [], ["Desert noon", "Sunset over the bay"]),
    ("ann", "At home", "secret", ["bob"], ["Morning fog", "Garden at home"]),
    ("bob", "Favourites", "public", [], ["Lavender field", "Autumn lake"]),
]


def demo_password(username):
    return f"pinmark-demo-{username}"


def draw(sky_top, sky_bottom, sun, ground, size=(1200, 800), layout=0) -> bytes:
    """A landscape: a sky gradient, a sun and rolling hills, as JPEG bytes. Each `layout`
    places the sun and shapes the hills its own way, so that landscapes do not look alike
    (docs/duplicates.md: pHash sees shapes, not colours)."""
    width, height = size
    place = random.Random(layout)
    picture = PillowImage.new("RGB", size)
    pen = ImageDraw.Draw(picture)
    for y in range(height):
        mix = y / height
        pen.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * mix) for a, b in zip(sky_top, sky_bottom, strict=True)),
        )
    radius = min(width, height) * place.uniform(0.06, 0.16)
    sun_x, sun_y = width * place.uniform(0.15, 0.85), height * place.uniform(0.15, 0.45)
    pen.ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=sun)
    horizon, swell = height * place.uniform(0.55, 0.8), place.uniform(20, 90)
    wave, phase = place.uniform(50, 200), place.uniform(0, 2 * math.pi)
    hills = (
        [(0, height)]
        + [
            (x, horizon + math.sin(x / wave + phase) * swell + math.sin(x / 37) * 8)
            for x in range(0, width + 1, 10)
        ]
        + [(width, height)]
    )
    pen.polygon(hills, fill=ground)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def draw_portrait(background, face, clothes, size=320) -> bytes:
    """A head-and-shoulders silhouette on a plain background, as JPEG bytes."""
    picture = PillowImage.new("RGB", (size, size), background)
    pen = ImageDraw.Draw(picture)
    pen.ellipse([size * 0.18, size * 0.68, size * 0.82, size * 1.3], fill=clothes)
    pen.ellipse([size * 0.33, size * 0.2, size * 0.67, size * 0.62], fill=face)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def ensure_photo(user, colours):
    if not user.profile.photo:
        upload = SimpleUploadedFile("photo.jpg", draw_portrait(*colours), content_type="image/jpeg")
        update_profile(user=user, ip=None, photo=upload)


def ensure_user(username, first_name, last_name):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username,
            email=f"{username}@example.com",
            # Demo people are established accounts: their addresses count as verified.
            email_verified=True,
            password=demo_password(username),
            first_name=first_name,
            last_name=last_name,
        )
    return user


def ensure_admin():
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser(
            "admin", "admin@example.com", ADMIN_PASSWORD, email_verified=True
        )


def ensure_image(user, title, *colours):
    image = Image.objects.filter(user=user, title=title).first()
    if image is None:
        picture = draw(*colours, size=SIZES.get(title, (1200, 800)), layout=title)
        upload = SimpleUploadedFile(f"{title}.jpg", picture, content_type="image/jpeg")
        image = upload_image(
            user=user,
            file=upload,
            title=title,
            description=f"Drawn for the demo: {title.lower()}.",
            tags=TAGS.get(title, []),
        )
    elif not image.tags.exists() and TAGS.get(title):
        # Seeded before images had tags.
        image = update_image(user=user, image_id=image.pk, tags=TAGS[title])
    return image


def seed():
    """Create what is missing of the demo dataset; return the people's usernames."""
    ensure_admin()
    people = {name: ensure_user(name, *names) for name, names in PEOPLE.items()}
    for name, colours in PHOTOS.items():
        ensure_photo(people[name], colours)
    images = {
        title: ensure_image(people[poster], title, *colours) for poster, title, *colours in PICTURES
    }
    for name, followed in FOLLOWS.items():
        for other in followed:
            follow_user(user_from=people[name], user_to=people[other])
    for name, titles in LIKES.items():
        for title in titles:
            like_image(user=people[name], image_id=images[title].pk)
    add_views(list(images.values()))
    images[PRIVATE_PICTURE[1]] = ensure_private_image(people[PRIVATE_PICTURE[0]], PRIVATE_PICTURE)
    for owner, name, privacy, collaborators, titles in BOARDS:
        ensure_board(people, images, owner, name, privacy, collaborators, titles)
    for author, title, text in COMMENTS:
        ensure_comment(people[author], images[title], text)
    return people, images


def ensure_comment(user, image, text):
    if not Comment.objects.filter(author=user, image=image, text=text).exists():
        add_comment(author=user, image_id=image.pk, text=text)


def ensure_private_image(user, picture):
    image = ensure_image(user, *picture[1:])
    if image.visibility != Visibility.PRIVATE:
        image = update_image(user=user, image_id=image.pk, visibility=Visibility.PRIVATE)
    return image


def ensure_board(people, images, owner, name, privacy, collaborators, titles):
    """The board with its collaborators and pins; saving again changes nothing."""
    user = people[owner]
    board = Board.objects.filter(owner=user, name=name).first()
    if board is None:
        board = board_services.create_board(
            user=user, name=name, description=f"The demo's {name.lower()}.", privacy=privacy
        )
    for collaborator in collaborators:
        board_services.add_collaborator(user=user, board_id=board.pk, username=collaborator)
    for title in titles:
        board_services.save_image(user=user, image_id=images[title].pk, board_id=board.pk)


def add_views(images):
    """Anonymous visitors (documentation addresses) view the images, the first most;
    once only, so that seeding again does not inflate the counts."""
    if any((image_selectors.live_view_counts([image.pk for image in images]) or {}).values()):
        return
    for rank, image in enumerate(images):
        for visitor in range(3 * (len(images) - rank)):
            view_image(image_id=image.pk, ip=f"192.0.2.{visitor + 1}")
