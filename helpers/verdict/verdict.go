package verdict

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/goconc/goconc/kernel/display"
)

// MIMEType is the MIME type under which a verdict carries its fields as
// JSON in a notebook's outputs.
const MIMEType = "application/vnd.goconc.verdict+json"

// Status is what a measurement showed of a claim.
type Status string

const (
	// Shown: the data show the effect the lesson describes.
	Shown Status = "shown"
	// NotShown: the effect could not show on this machine, for the
	// reason the verdict gives, and the data agree with that reason.
	NotShown Status = "not-shown"
	// Contradicted: the data disagree with what theory predicts for
	// this machine.
	Contradicted Status = "contradicted"
)

// Verdict is what a measurement says about a claim. Its zero value is not
// useful; build one with Speedup, Slowdown, Check or Unshown.
type Verdict struct {
	Claim    string  `json:"claim"`
	Status   Status  `json:"status"`
	Measured string  `json:"measured"` // the result, with its spread
	Expected string  `json:"expected"` // what theory predicts on this machine
	Reason   string  `json:"reason,omitempty"`
	Machine  Machine `json:"machine"`
	// Values holds the numbers the verdict was drawn from, by name.
	Values map[string]float64 `json:"values,omitempty"`
}

// Check returns a verdict on a claim that does not depend on the
// machine's CPUs: Shown if holds, else Contradicted. measured says what
// the data were, expected what the claim predicts.
func Check(claim string, holds bool, measured, expected string) Verdict {
	return Probe().Check(claim, holds, measured, expected)
}

// Check is the package's Check, on machine m.
func (m Machine) Check(claim string, holds bool, measured, expected string) Verdict {
	v := Verdict{Claim: claim, Status: Shown, Measured: measured, Expected: expected, Machine: m}
	if !holds {
		v.Status = Contradicted
		v.Reason = "the data do not show what the claim predicts"
	}
	return v
}

// Unshown returns a NotShown verdict: the effect could not show, for
// reason, and the data (measured) agree with that.
func Unshown(claim, measured, expected, reason string) Verdict {
	return Probe().Unshown(claim, measured, expected, reason)
}

// Unshown is the package's Unshown, on machine m.
func (m Machine) Unshown(claim, measured, expected, reason string) Verdict {
	return Verdict{Claim: claim, Status: NotShown, Measured: measured, Expected: expected, Reason: reason, Machine: m}
}

// Shown reports whether the data showed the claimed effect.
func (v Verdict) Shown() bool { return v.Status == Shown }

// headline is the verdict's status in words.
func (v Verdict) headline() string {
	switch v.Status {
	case Shown:
		return "Shown"
	case NotShown:
		return "Could not show here"
	case Contradicted:
		return "Contradicted"
	}
	return string(v.Status)
}

// Markdown renders the verdict for a notebook.
func (v Verdict) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — %s\n\n", v.headline(), v.Claim)
	fmt.Fprintf(&b, "- Measured: %s\n", v.Measured)
	fmt.Fprintf(&b, "- Expected on this machine: %s\n", v.Expected)
	if v.Reason != "" {
		fmt.Fprintf(&b, "- Why: %s\n", v.Reason)
	}
	fmt.Fprintf(&b, "- Machine: %s\n", v.Machine)
	return b.String()
}

// String renders the verdict as plain text.
func (v Verdict) String() string {
	s := fmt.Sprintf("%s: %s\n  measured: %s\n  expected on this machine: %s\n", v.headline(), v.Claim, v.Measured, v.Expected)
	if v.Reason != "" {
		s += "  why: " + v.Reason + "\n"
	}
	return s + "  machine: " + v.Machine.String() + "\n"
}

// MIMEBundle shows the verdict as Markdown and carries its fields as JSON
// under MIMEType, for the tests that read a notebook's outputs.
func (v Verdict) MIMEBundle() map[string]any {
	var fields map[string]any
	data, _ := json.Marshal(v) // plain strings and numbers: never fails
	_ = json.Unmarshal(data, &fields)
	return map[string]any{
		"text/markdown": v.Markdown(),
		"text/plain":    v.String(),
		MIMEType:        fields,
	}
}

// Show displays the verdict in the running cell, for cells whose last
// value is something else (a chart).
func (v Verdict) Show() { display.MIME(v.MIMEBundle()) }
