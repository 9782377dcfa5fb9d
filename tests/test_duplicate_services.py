"""The duplicate lookups (images/duplicates.py) and the hash itself (infra/perceptual_hash.py)."""

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from images import duplicates
from images.models import Image
from infra import perceptual_hash
from infra.imaging import prepare_image
from testing.image_fixtures import image_bytes
from testing.pictures import every_file_of, picture_bytes

BASE = 0x0123_4567_89AB_CDEF


def flipped(value, *bits):
    for bit in bits:
        value ^= 1 << bit
    return perceptual_hash.signed(value)


@pytest.fixture
def hashed(make_image, ann):
    def make(value, **fields):
        image = make_image(ann, **fields)
        Image.objects.filter(pk=image.pk).update(**duplicates.hash_columns(value))
        return image

    return make


def test_every_file_of_one_picture_is_within_the_threshold():
    hashes = [prepare_image(data).perceptual_hash for _, data in every_file_of(7)]

    assert max(perceptual_hash.distance(hashes[0], other) for other in hashes) <= 3


def test_hashes_fit_a_signed_64_bit_column_and_bands_rebuild_them():
    value = prepare_image(picture_bytes(5)).perceptual_hash
    bands = perceptual_hash.bands(value)

    assert -(2**63) <= value < 2**63
    rebuilt = sum(band << (16 * index) for index, band in enumerate(bands))
    assert perceptual_hash.signed(rebuilt) == value


def test_a_flat_picture_has_no_hash():
    assert prepare_image(image_bytes(300, 200)).perceptual_hash is None


def test_nearest_first_within_the_threshold_only(hashed):
    three_off = hashed(flipped(BASE, 1, 17, 33))
    same = hashed(perceptual_hash.signed(BASE))
    one_off = hashed(flipped(BASE, 63))
    hashed(flipped(BASE, 1, 17, 33, 49))  # four bits: every band differs

    found = duplicates.nearest_ids(perceptual_hash.signed(BASE))

    assert found == [same.pk, one_off.pk, three_off.pk]


def test_four_bits_in_one_band_are_found_through_the_others(hashed):
    far_in_one_band = hashed(flipped(BASE, 0, 1, 2))

    found = duplicates.nearest_ids(perceptual_hash.signed(BASE))

    assert found == [far_in_one_band.pk]


def test_saved_copy_is_the_users_own_only(hashed, make_image, bob):
    mine = hashed(perceptual_hash.signed(BASE))
    theirs = make_image(bob)
    Image.objects.filter(pk=theirs.pk).update(**duplicates.hash_columns(BASE))

    assert duplicates.saved_copy(mine.user, BASE) == mine
    assert duplicates.saved_copy(bob, flipped(BASE, 5)) == theirs
    assert duplicates.saved_copy(mine.user, None) is None


@pytest.fixture
def older_images(make_image, ann, media_root):
    """Three images saved before hashing (no hash stored): two pictures and a flat one."""
    images = []
    for content in (picture_bytes(11), picture_bytes(12, "png"), image_bytes(90, 60)):
        image = make_image(ann)
        image.file.save(f"older-{len(images)}.jpg", ContentFile(content), save=True)
        images.append(image)
    return images


def hash_images(*arguments) -> str:
    output = StringIO()
    call_command("hash_images", *arguments, stdout=output)
    return output.getvalue()


def test_the_backfill_hashes_older_images_in_batches(older_images):
    output = hash_images("--batch-size", "2")

    first, second, flat = (Image.objects.get(pk=image.pk) for image in older_images)
    assert first.perceptual_hash == prepare_image(picture_bytes(11)).perceptual_hash
    assert first.hash_band_0 == perceptual_hash.bands(first.perceptual_hash)[0]
    assert second.perceptual_hash is not None
    assert flat.perceptual_hash is None
    assert output.splitlines()[-1] == "2 images hashed."
    assert len(output.splitlines()) == 3  # two batches


def test_the_backfill_run_again_changes_nothing(older_images):
    hash_images()
    hashes = list(Image.objects.order_by("pk").values_list("perceptual_hash", flat=True))

    assert hash_images().splitlines()[-1] == "0 images hashed."
    assert list(Image.objects.order_by("pk").values_list("perceptual_hash", flat=True)) == hashes


def test_the_backfill_resumes_from_an_id(older_images):
    output = hash_images("--from-id", str(older_images[0].pk))

    assert Image.objects.get(pk=older_images[0].pk).perceptual_hash is None
    assert Image.objects.get(pk=older_images[1].pk).perceptual_hash is not None
    assert output.splitlines()[-1] == "1 images hashed."


def test_the_backfill_skips_an_image_whose_file_is_gone(older_images):
    older_images[0].file.storage.delete(older_images[0].file.name)

    output = hash_images()

    assert Image.objects.get(pk=older_images[0].pk).perceptual_hash is None
    assert output.splitlines()[-1] == "1 images hashed."
