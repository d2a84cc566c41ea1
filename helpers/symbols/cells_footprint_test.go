package symbols_test

import "testing"

const footprintHeader = `import (
	"fmt"
	"net"
	"time"

	"github.com/goconc/goconc/helpers/sched"
)`

var footprintCells = []cellCase{
	{
		name: "blocked goroutines and threads",
		why:  "BlockInSyscalls and ParkReaders from a cell; statuses and per-task footprints read back",
		cells: []string{`
s := sched.ReadProcStatus()
fmt.Println(s.Threads > 0, s.RSS > 0, s.FDs > 0, len(s.String()) > 0, sched.StackLimit() != 0, sched.FDLimit() > 0, sched.ThreadID() > 0)
raw, err := sched.BlockInSyscalls(10)
fmt.Println(err, raw.Kind, raw.N, raw.During.Threads-raw.Before.Threads >= 5)
after := raw.Release()
fmt.Println(after.Threads <= raw.Before.Threads+3, raw.PerTask().Threads > 0.4)`, `
parked, err := sched.ParkReaders(50)
fmt.Println(err, parked.Kind, parked.N, parked.During.Goroutines-parked.Before.Goroutines >= 100)
after = parked.Release()
fmt.Println(after.Goroutines <= parked.Before.Goroutines+2, after.FDs <= parked.Before.FDs+2, sched.FormatBytes(2048))`},
		want: "true true true true true true true\n<nil> read(2) 10 true\ntrue true\n<nil> conn.Read 100 true\ntrue true 2.0 KiB\n",
	},
	{
		name: "poller and raw descriptors",
		why:  "an event-loop turn written in a cell: ListenFD, Poller.Watch/Wait/Wake, AcceptFD, ReadFD, WriteFD",
		cells: []string{`
p, err := sched.NewPoller()
lfd, addr, err2 := sched.ListenFD()
fmt.Println(err, err2, p.Watch(lfd))
c, _ := net.Dial("tcp", addr)
ready, _ := p.Wait(5 * time.Second)
fd, err := sched.AcceptFD(lfd)
fmt.Println(len(ready), ready[0] == lfd, err)
buf := make([]byte, 8)
_, err = sched.ReadFD(fd, buf)
fmt.Println(err == sched.ErrWouldBlock)
p.Watch(fd)
c.Write([]byte("hi"))
ready, _ = p.Wait(5 * time.Second)
n, _ := sched.ReadFD(fd, buf)
w, _ := sched.WriteFD(fd, buf[:n])
fmt.Println(ready[0] == fd, string(buf[:n]), w)
p.Wake()
ready, err = p.Wait(5 * time.Second)
fmt.Println(len(ready), err)
r, wr, _ := sched.PipeFD()
p.Unwatch(fd)
c.Close()
fmt.Println(sched.CloseFD(fd), sched.CloseFD(lfd), sched.CloseFD(r), sched.CloseFD(wr), p.Close())`},
		want: "<nil> <nil> <nil>\n1 true <nil>\ntrue\ntrue hi 2\n0 <nil>\n<nil> <nil> <nil> <nil> <nil>\n",
	},
}

func TestFootprintFromCells(t *testing.T) { runCells(t, footprintHeader, footprintCells) }
