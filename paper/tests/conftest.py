"""paper/tests: the report package's statistics and verdict rules. Puts paper/ on the path
so that `import report` finds paper/report."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
