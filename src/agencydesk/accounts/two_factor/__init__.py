"""Two-factor authentication with django-otp: a TOTP device (authenticator app) and a set of
single-use recovery codes (a static device) per user."""
