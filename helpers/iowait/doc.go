// Package iowait shows how goroutines and OS threads wait for I/O, for the
// notebook on event loops and async I/O:
//
//   - ReadProcStatus is a snapshot of what the process uses: OS threads,
//     resident memory, address space, file descriptors, goroutines and
//     their stacks;
//   - BlockInSyscalls blocks goroutines in raw blocking read(2) calls, each
//     holding an OS thread, and ParkReaders parks goroutines in conn.Read
//     on loopback TCP connections, where the runtime's netpoller waits for
//     them all on a few threads; both return a Blocked whose footprint per
//     task can be compared, and Release undoes them;
//   - Poller (epoll) and ListenFD, AcceptFD, ReadFD, WriteFD, PipeFD and
//     CloseFD on non-blocking raw file descriptors are a readiness API small
//     enough to build an event loop on in a notebook cell.
//
// The package works on Linux only: it reads /proc/self and uses epoll.
// Everything it starts is bounded (MaxBlocked, MaxParked) and released.
package iowait
