// Package verdict lets a notebook cell state what a measurement showed,
// from the data it measured, instead of leaving the claim to prose that
// the output may contradict.
//
// A verdict compares a result with what theory predicts for the machine
// the notebook runs on (GOMAXPROCS, the CPUs the process may use, a
// container's CPU quota, the CPU the measured runs actually received) and
// has one of three statuses:
//
//   - Shown: the data show the effect the lesson describes.
//   - NotShown: the effect could not show here, and the verdict says why
//     (one CPU, a busy machine); the data agree with that explanation.
//   - Contradicted: the data disagree with what theory predicts for this
//     machine. The course's tests fail on it.
//
// A verdict renders as Markdown in the notebook and carries its fields as
// JSON under the MIME type MIMEType, which the notebook tests read:
//
//	seq := verdict.Measure(5, func() { work(1) })
//	par := verdict.Measure(5, func() { work(2) })
//	verdict.Speedup("two goroutines finish the work faster than one", 2, seq, par)
package verdict
