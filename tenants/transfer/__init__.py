"""Moving a whole tenant: export to one archive, import into a fresh schema, delete.

Everything here works at the SQL level (tables, sequences and files of a schema), so it
needs no tenant app and keeps working whatever the apps add.
"""
