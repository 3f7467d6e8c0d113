"""Reading and validating uploaded files: case-system exports and vendor answer sets.

Importers parse and validate only; they never write. Every problem is reported with the
row (as numbered in the file, the header being row 1) and the column it was found in.
"""
