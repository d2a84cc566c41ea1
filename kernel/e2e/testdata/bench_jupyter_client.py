"""Measure the goconc kernel through jupyter_client.

Usage: bench_jupyter_client.py [STARTS] [CELLS]

startup: KernelManager.start_kernel() until the first kernel_info_reply
on shell, over STARTS fresh kernels (default 5). ready: the same until
BlockingKernelClient.wait_for_ready() returns, as front ends wait; it adds
jupyter_client's own IOPub checks (at least 0.2 s of waiting for IOPub to
fall silent). cell: execute_request of "x := 1" until its execute_reply and
idle status, over CELLS cells in one kernel (default 200).

Prints medians (and min and max) in human form, then one JSON line
{"startup_ms": ..., "ready_ms": ..., "cell_ms": ..., ...} for the Go benchmark to report.
"""

import json
import queue
import statistics
import sys
import time

from jupyter_client.manager import KernelManager


def median_ms(samples):
    return statistics.median(samples) * 1000


def start(km):
    """Start a kernel; return its client, the time to the first
    kernel_info_reply and the time until wait_for_ready returns."""
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    deadline = t0 + 60
    first = None
    while first is None:
        msg_id = kc.kernel_info()
        while True:
            try:
                msg = kc.get_shell_msg(timeout=1)
            except queue.Empty:
                break
            if msg["parent_header"].get("msg_id") == msg_id:
                first = time.perf_counter() - t0
                break
        if time.perf_counter() > deadline:
            raise RuntimeError("no kernel_info_reply within 60 s")
    kc.wait_for_ready(timeout=60)
    return kc, first, time.perf_counter() - t0


def run_cell(kc, code):
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=30)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=30)
    if reply["content"]["status"] != "ok":
        raise RuntimeError("cell failed: %r" % (reply["content"],))
    while True:
        msg = kc.get_iopub_msg(timeout=30)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            break
    return time.perf_counter() - t0


def main(argv):
    starts = int(argv[1]) if len(argv) > 1 else 5
    cells = int(argv[2]) if len(argv) > 2 else 200
    startup = []
    ready = []
    cell = []
    for i in range(starts):
        km = KernelManager(kernel_name="goconc")
        try:
            kc, d, r = start(km)
            startup.append(d)
            ready.append(r)
            if i == 0:
                for _ in range(10):  # warm up
                    run_cell(kc, "x := 1")
                for _ in range(cells):
                    cell.append(run_cell(kc, "x := 1"))
            kc.stop_channels()
        finally:
            km.shutdown_kernel(now=False)
    print("startup (start_kernel to the first kernel_info_reply): median %.1f ms, min %.1f, max %.1f over %d kernels" % (
        median_ms(startup), min(startup) * 1000, max(startup) * 1000, len(startup)))
    print("ready (start_kernel to the end of wait_for_ready): median %.1f ms, min %.1f, max %.1f" % (
        median_ms(ready), min(ready) * 1000, max(ready) * 1000))
    print("trivial cell (x := 1, execute to idle): median %.2f ms, min %.2f, max %.2f over %d cells" % (
        median_ms(cell), min(cell) * 1000, max(cell) * 1000, len(cell)))
    print(json.dumps({
        "startup_ms": median_ms(startup), "startup_n": len(startup),
        "ready_ms": median_ms(ready),
        "cell_ms": median_ms(cell), "cell_n": len(cell),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
