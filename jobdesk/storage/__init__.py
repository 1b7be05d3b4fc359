"""Storage: the SQLite file, its schema, migrations, backups and checks.

This is the only layer that writes SQL. Services above it use the peewee
models defined here; nothing above services imports peewee.
"""
