// Package workload provides small, deterministic workloads for the
// course's experiments: numerical integration of x², prime counting, CPU
// spinning, simulated I/O and a synthetic web-server log.
//
// The functions are compiled, so a notebook cell that calls them measures
// the work itself and not the interpreter running the cell. Results depend
// only on the arguments: the parallel versions split the work into fixed
// chunks and combine the partial results in chunk order, and the log
// generator draws from its own seeded generator.
package workload
