"""``python -m analysis``: the command line (``analysis.cli.main``)."""

import atexit
import os
import sys

from analysis.cli import main

code = main()
# When main returns, every output is written (atomically) and closed. Finalising the
# interpreter would then free every object one by one, ~0.3 s after a large corpus (a
# tenth of a short command); run the exit handlers (logging, temporary files, pools),
# flush, and leave without it. Not under a profiler or tracer (cProfile, coverage,
# a debugger): those write their results when the interpreter finishes.
if sys.getprofile() is None and sys.gettrace() is None:
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
