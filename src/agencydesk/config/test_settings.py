"""Settings for the test suite: the real settings plus speed-ups that change no behaviour."""

import os

os.environ.setdefault("AGENCYDESK_DEV", "1")

from agencydesk.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = DATA_DIR / "test-media"  # noqa: F405
