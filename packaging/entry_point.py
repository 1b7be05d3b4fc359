"""What the frozen bundle runs: jobdesk's own main()."""

import sys

from jobdesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
