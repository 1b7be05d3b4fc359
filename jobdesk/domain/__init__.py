"""Pure Python: the vocabulary of a job search and the rules over it.

Nothing here imports Qt or peewee, so every rule is a plain function that is
tested without a database or a window.
"""
