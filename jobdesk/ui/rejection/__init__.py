"""The rejection dialog: outcome, feedback, fit, lessons, summary."""
