"""Execute a notebook with nbclient and the goconc kernel.

Usage: run_nbclient.py IN.ipynb OUT.ipynb

The kernel is the one named in the notebook's kernelspec metadata, found
on JUPYTER_PATH. Cells tagged raises-exception may fail; any other error
stops the run with a non-zero exit, as nbclient does. The executed
notebook is validated and written to OUT.ipynb for the Go test to check.
"""

import sys

import nbformat
from nbclient import NotebookClient


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    nb = nbformat.read(argv[1], as_version=4)
    client = NotebookClient(
        nb,
        timeout=60,
        startup_timeout=60,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": "."}},
    )
    client.execute()
    nbformat.validate(nb)
    nbformat.write(nb, argv[2])
    print("executed %d cells with kernel %s" % (
        sum(1 for c in nb.cells if c.cell_type == "code"),
        client.kernel_name,
    ))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
