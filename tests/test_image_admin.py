"""The admin lists images with a thumbnail preview and removes files with them."""

from images.models import Image


def test_the_image_list_shows_a_thumbnail_preview(client, make_user, make_image):
    admin = make_user("admin", is_staff=True, is_superuser=True)
    image = make_image(admin, "Sunset", with_file=True, width=400, height=300)
    client.force_login(admin)

    response = client.get("/admin/images/image/")

    assert response.status_code == 200
    assert f'src="http://127.0.0.1:8000/media/{image.file.name[:-4]}' in response.content.decode()
    assert 'width="60" height="60"' in response.content.decode()


def test_deleting_in_the_admin_removes_the_files(
    client, make_user, make_image, stored_files, django_capture_on_commit_callbacks
):
    admin = make_user("admin", is_staff=True, is_superuser=True)
    image = make_image(admin, with_file=True)
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Image.objects.exists()
    assert stored_files() == []
