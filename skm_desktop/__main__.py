import sys

from skm_desktop.cli import main

sys.exit(main())
