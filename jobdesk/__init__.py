"""jobdesk: an offline, private desktop program for a job search."""

import sys

__version__ = "0.1.0"

#: Reverse-DNS application id, used for the desktop file, icons and settings.
APP_ID = "io.github.jobdesk.JobDesk"
APP_NAME = "jobdesk"

# jobdesk never goes online, and its bundle leaves OpenSSL out: hashlib then
# uses Python's own hashes. Running from source does the same, which keeps
# libcrypto and OpenSSL's set-up (5 MB of memory) out of the process. If
# something imported hashlib's OpenSSL module before jobdesk, it stays.
sys.modules.setdefault("_hashlib", None)  # type: ignore[arg-type]
