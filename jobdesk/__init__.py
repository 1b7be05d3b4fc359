"""jobdesk: an offline, private desktop program for a job search."""

__version__ = "0.1.0"

#: Reverse-DNS application id, used for the desktop file, icons and settings.
APP_ID = "io.github.jobdesk.JobDesk"
APP_NAME = "jobdesk"
