"""Site operations: issues found on site, contractors, work orders and the site's timeline."""
