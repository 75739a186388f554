# Production runs WSGI: async code would hop to a fresh connection in the public schema.
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agencydesk.config.settings")
application = get_asgi_application()
