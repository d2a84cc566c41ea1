//go:build linux

package iowait_test

import (
	"fmt"
	"net"
	"time"

	"github.com/goconc/goconc/helpers/iowait"
)

// BlockInSyscalls and ParkReaders block goroutines on purpose and report
// what they cost: a goroutine in a raw blocking read(2) holds an OS thread,
// a goroutine in conn.Read is parked by the netpoller and holds none.
func ExampleBlockInSyscalls() {
	raw, err := iowait.BlockInSyscalls(20)
	if err != nil {
		panic(err)
	}
	fmt.Println("read(2): a thread each:", raw.During.Threads-raw.Before.Threads >= 10)
	raw.Release()

	parked, err := iowait.ParkReaders(100) // 200 goroutines on 100 loopback connections
	if err != nil {
		panic(err)
	}
	fmt.Println("conn.Read: goroutines parked:", parked.During.Goroutines-parked.Before.Goroutines >= 200)
	fmt.Println("conn.Read: few threads:", parked.During.Threads-parked.Before.Threads < 20)
	after := parked.Release()
	fmt.Println("cleaned up:", after.Goroutines <= parked.Before.Goroutines+2)
	// Output:
	// read(2): a thread each: true
	// conn.Read: goroutines parked: true
	// conn.Read: few threads: true
	// cleaned up: true
}

// A Poller reports which descriptors are readable: the heart of an event
// loop. One goroutine serves a connection without ever blocking in a read.
func ExamplePoller() {
	p, _ := iowait.NewPoller()
	defer p.Close()
	lfd, addr, _ := iowait.ListenFD()
	defer iowait.CloseFD(lfd)
	p.Watch(lfd)

	go func() { // a client
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return
		}
		c.Write([]byte("hello"))
		c.Close()
	}()

	buf := make([]byte, 64)
	for step := 0; step < 10; step++ { // bounded
		ready, _ := p.Wait(time.Second)
		for _, fd := range ready {
			if fd == lfd {
				conn, err := iowait.AcceptFD(lfd)
				if err == nil {
					p.Watch(conn)
				}
				continue
			}
			n, err := iowait.ReadFD(fd, buf)
			if err != nil { // io.EOF: the client is gone
				p.Unwatch(fd)
				iowait.CloseFD(fd)
				fmt.Println("closed")
				return
			}
			fmt.Printf("read %q\n", buf[:n])
		}
	}
	// Output:
	// read "hello"
	// closed
}
