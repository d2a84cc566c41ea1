// Package procpool runs compiled tasks in worker processes: the
// process-based twin of a goroutine pool, for the lessons on processes,
// start-up cost and isolation (Python's ProcessPoolExecutor).
//
// A Pool starts Config.Workers child processes, by default the goconc
// binary with the argument "worker", whose main calls Worker(os.Stdin,
// os.Stdout). Submit sends a task to an idle worker and returns a Future;
// Map runs a task over a list of arguments and returns the results in
// order; AsCompleted yields futures as they finish. A worker runs one task
// at a time. A worker that dies, or overruns Config.Timeout, fails its
// task's future and is replaced by a new process.
//
// # Protocol
//
// The pool and a worker exchange JSON objects, one per line, over the
// worker's standard input and output. When it starts, the worker writes
//
//	{"id":0,"ready":true,"pid":1234}
//
// The pool then writes one request at a time
//
//	{"id":7,"task":"integrate","args":{"a":0,"b":10,"n":1000000}}
//
// and the worker answers with the same id and either a result or an error:
//
//	{"id":7,"result":333.33333333325}
//	{"id":7,"error":"integrate: n must be positive"}
//
// A request that is not valid JSON gets an answer with id 0 and an error.
// The worker returns when its input ends, so closing the worker's standard
// input asks it to exit. Its standard error is free for diagnostics: the
// pool keeps the last few kilobytes and adds them to the error of a task
// whose worker died.
//
// # Tasks
//
// The tasks are compiled into the worker; unknown fields in args are
// errors. Results arrive in the parent decoded by encoding/json into an
// any: numbers are float64 and lists are []any.
//
//	integrate {"a":A,"b":B,"n":N}   workload.IntegrateSquare(A, B, N), a number
//	primes    {"lo":L,"hi":H}       workload.CountPrimes(L, H), a number
//	factor    {"n":N}               workload.Factor(N), a list of numbers
//	spin      {"ms":M}              workload.Spin for M milliseconds, the iterations
//	sleep     {"ms":M}              sleeps for M milliseconds, returns M
//	pid       {}                    the worker's process id
//	fail      {"message":S}         always fails with error S
//	fetch     {"url":U}             GETs U, a loopback http URL (optional "timeout_ms", default 10 s):
//	                                {"url","status","bytes","body","latency_ms"}
//
// # Processes
//
// On Linux each worker gets its own process group and the parent-death
// signal SIGKILL, so it is killed if the parent process dies (strictly,
// if the thread that started it exits; the Go runtime keeps its threads),
// and Kill and Timeout kill its whole group. Close lets the queued tasks
// finish, closes the workers' input, waits Config.Grace for them to exit
// and kills the rest.
package procpool
