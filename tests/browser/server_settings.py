"""The live server the browser tests drive: production settings over plain HTTP, e-mail written to files.

Only what a test on one machine needs differs from production: no TLS (so no secure cookies or HSTS), a
locmem cache (one gunicorn process) and e-mails as files the tests open to follow their links.
"""

import os

from portal.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["BROWSER_MAIL_DIR"]
STATIC_ROOT = os.environ["BROWSER_STATIC_ROOT"]
