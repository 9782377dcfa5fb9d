"""Downloading an export by the signed link its owner was given (jobs/exports.py)."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from jobs import exports


@require_GET
def export_download(request, token):
    job = exports.export_by_token(token)
    if job is None:
        raise Http404("This export link has expired or is not valid.")
    response = FileResponse(
        default_storage.open(job.result, "rb"),
        as_attachment=True,
        filename=f"pinmark-export-{job.created:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
