import sys

from answer_kit.cli import main

sys.exit(main())
