import os

from django.core.wsgi import get_wsgi_application

from infra import start_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
application = get_wsgi_application()

start_up.settle()
