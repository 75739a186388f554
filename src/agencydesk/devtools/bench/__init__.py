"""``agencydesk bench``: the application against its floor, scenario by scenario, in one run.

``data`` builds the database (its own), ``server`` serves it with gunicorn in production
mode, ``floor`` holds the minimal views, ``scenarios`` says what is timed, ``runner`` times
it (alternating application and floor) and ``report`` prints the table and JSON lines.
"""
