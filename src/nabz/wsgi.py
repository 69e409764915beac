"""WSGI entry point (waitress in `nabz serve`, or any WSGI server)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabz.settings")
application = get_wsgi_application()
