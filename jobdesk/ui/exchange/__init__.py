"""Exchange with other programs: CSV import from a spreadsheet, the proof-of-search PDF."""
