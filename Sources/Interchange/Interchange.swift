// Interchange: CSV import and export of child files.
