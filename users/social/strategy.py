from django.db import transaction
from social_django.strategy import DjangoStrategy


class AtomicStrategy(DjangoStrategy):
    """Runs the pipeline in one transaction: an account, its association and its
    one-time code are created together or not at all. The calls to the provider come
    before, outside it."""

    def authenticate(self, backend, **kwargs):
        with transaction.atomic():
            return super().authenticate(backend, **kwargs)
