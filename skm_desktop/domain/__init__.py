"""Pure-Python core of SKM Desktop: no Qt, no SQL, no files.

Every figure the product shows (GUI, CLI, PDF, Excel) is computed here.
"""
