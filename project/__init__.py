"""The composition root: settings, URLs, the ASGI and WSGI applications, the Celery app."""

from project.celery import app as celery_app

__all__ = ("celery_app",)
