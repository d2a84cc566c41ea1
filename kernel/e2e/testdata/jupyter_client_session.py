"""Drive the goconc kernel with jupyter_client's KernelManager and
BlockingKernelClient, the way front ends do, and print what it answered
as one JSON object on the last line of standard output.

The Go test (jupyter_test.go) makes the assertions; this script only
collects. It exits non-zero only when the session itself breaks (the
kernel does not start, or a reply does not come).
"""

import json
import queue
import sys
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 30


def execute(kc, code):
    """Run code; return the reply content and the IOPub messages up to idle."""
    msg_id = kc.execute(code, store_history=True, allow_stdin=False)
    return collect(kc, msg_id)


def collect(kc, msg_id):
    outputs = []
    deadline = time.monotonic() + TIMEOUT
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        outputs.append({"msg_type": msg["msg_type"], "content": msg["content"]})
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = shell_reply(kc, msg_id)
    return {"reply": reply, "outputs": outputs}


def shell_reply(kc, msg_id):
    deadline = time.monotonic() + TIMEOUT
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def wait_started(kc, msg_id):
    """Wait until the cell of msg_id has started (execute_input)."""
    deadline = time.monotonic() + TIMEOUT
    seen = []
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append({"msg_type": msg["msg_type"], "content": msg["content"]})
        if msg["msg_type"] == "execute_input":
            return seen


def main():
    out = {}
    km = KernelManager(kernel_name="goconc")
    km.start_kernel()
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        out["kernel_info"] = kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]
        out["interrupt_mode"] = km.kernel_spec.interrupt_mode

        out["setup"] = execute(kc, 'import "fmt"\nx := 20')
        out["execute"] = execute(kc, 'fmt.Println("from jupyter_client")\nx * 2')
        out["complete"] = kc.complete("fmt.Pri", 7, reply=True, timeout=TIMEOUT)["content"]
        out["inspect"] = kc.inspect("fmt.Println", 11, reply=True, timeout=TIMEOUT)["content"]
        out["is_complete"] = {
            code: shell_reply(kc, kc.is_complete(code))
            for code in ["func f() {", "x := 1", "x := )"]
        }

        # Interrupt a busy loop the way Jupyter does: interrupt_mode is
        # "message", so KernelManager sends interrupt_request on control.
        msg_id = kc.execute("for {}")
        out["interrupt_started"] = wait_started(kc, msg_id)
        km.interrupt_kernel()
        rest = collect(kc, msg_id)
        out["interrupt"] = rest
        out["after_interrupt"] = execute(kc, "x + 1")

        # Restart: the session's variables are gone, new cells run.
        out["pid_before_restart"] = getattr(km.provisioner, "pid", None)
        km.restart_kernel(now=False)
        out["pid_after_restart"] = getattr(km.provisioner, "pid", None)
        kc.wait_for_ready(timeout=60)
        out["restarted_alive"] = km.is_alive()
        out["after_restart_old_var"] = execute(kc, "x")
        out["after_restart_new"] = execute(kc, "y := 3\ny * 3")

        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=False)
    out["alive_after_shutdown"] = km.is_alive()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
