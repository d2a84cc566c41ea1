"""Jupyter's kernel conformance suite (jupyter_kernel_test) against goconc.

Run by conformance_test.go with the Python of the tests' virtual
environment (.ci/requirements.txt), the goconc kernelspec on JUPYTER_PATH:

    python -m unittest -v conformance

Every test of jupyter_kernel_test that applies to goconc is enabled by
giving it samples; the two that do not apply say why they are skipped.
test_interrupt is goconc's own: the suite has none.
"""

import time
import unittest

import jupyter_kernel_test as jkt
from jupyter_kernel_test.msgspec_v5 import validate_message


class GoconcKernelTests(jkt.KernelTests):
    kernel_name = "goconc"

    # kernel_info
    language_name = "go"
    file_extension = ".go"

    # execute, stdout and stderr
    code_hello_world = 'import "fmt"\nfmt.Println("hello, world")'
    code_stderr = 'import (\n\t"fmt"\n\t"os"\n)\nfmt.Fprintln(os.Stderr, "to stderr")'

    # errors: a panic is an error message and an error reply
    code_generate_error = 'panic("conformance")'

    # execute_result: a cell's last expression with one value
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"go" + "conc"', "result": '"goconc"'},
        {"code": "x := 3\nx * x", "result": "9"},
    ]

    # display_data: the display package every cell sees
    code_display_data = [
        {"code": 'display.HTML("<b>bold</b>")', "mime": "text/html"},
        {"code": 'display.Markdown("*it*")', "mime": "text/markdown"},
        {"code": 'display.SVG(`<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>`)',
         "mime": "image/svg+xml"},
    ]

    # clear_output
    code_clear_output = 'display.HTML("gone")\ndisplay.Clear(false)'

    # history: tail (with and without output), range, search
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6*"

    # complete_request: a package's members, the package imported by the
    # cell being completed (matches replace the text after the dot)
    completion_samples = [
        {"text": 'import "fmt"\nfmt.Pr', "matches": {"Print", "Printf", "Println"}},
        {"text": 'import "strings"\nstrings.ToU', "matches": {"ToUpper", "ToUpperSpecial"}},
    ]

    # is_complete_request
    complete_code_samples = [
        "x := 1",
        'import "fmt"\nfmt.Println(1)',
        'import (\n\t"fmt"\n\t"sync"\n)\nvar mu sync.Mutex\nfmt.Println(&mu)',
        "type T struct{ n int }\nfunc (t T) N() int { return t.n }\nT{2}.N()",
        'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println(1)\n}',
        '%%native\nimport "fmt"\nfmt.Println(1)',
        "%goroutines",
    ]
    incomplete_code_samples = [
        "func f() {",
        "fmt.Println(1,",
        "x := 1 +",
        "s := `raw",
        'import (\n\t"fmt"',
        "%%native\nfor i := range 3 {",
    ]
    invalid_code_samples = [
        "x := )",
        "}",
        "x := 1\npackage main",
    ]

    # inspect_request (Shift-Tab)
    code_inspect_sample = "fmt.Println"

    def test_pager(self):
        raise unittest.SkipTest(
            "goconc has no pager: documentation comes from inspect_request "
            "(Shift-Tab), which test_inspect checks; no cell returns a 'page' payload")

    def test_interrupt(self):
        """An interrupt stops an infinite loop and the kernel goes on."""
        self.flush_channels()
        msg_id = self.kc.execute(code="n := 0\nfor {\n\tn++\n}")
        # Wait until the cell runs: its busy status on IOPub.
        deadline = time.monotonic() + jkt.TIMEOUT
        while time.monotonic() < deadline:
            msg = self.kc.get_iopub_msg(timeout=jkt.TIMEOUT)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input"):
                break
        time.sleep(0.3)
        self.km.interrupt_kernel()
        reply = self.get_non_kernel_info_reply(timeout=jkt.TIMEOUT)
        validate_message(reply, "execute_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.flush_channels()
        reply, outputs = self.execute_helper('import "fmt"\nfmt.Println("after the interrupt")')
        self.assertEqual(reply["content"]["status"], "ok")
        text = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
        self.assertIn("after the interrupt", text)


class GoconcIopubWelcomeTests(jkt.IopubWelcomeTests):
    kernel_name = "goconc"

    # support_iopub_welcome stays False: the test then skips. goconc's IOPub
    # is a PUB socket (protocol 5.3 as kernel_info says), not the XPUB of
    # protocol 5.4 that greets each subscriber with iopub_welcome; the
    # kernel instead waits for its first subscriber before it publishes.


if __name__ == "__main__":
    unittest.main(verbosity=2)
