package symbols_test

import "testing"

const iowaitHeader = `import (
	"fmt"
	"net"
	"time"

	"github.com/goconc/goconc/helpers/iowait"
)`

var iowaitCells = []cellCase{
	{
		name: "blocked goroutines and threads",
		why:  "BlockInSyscalls and ParkReaders from a cell; statuses and per-task footprints read back",
		cells: []string{`
s := iowait.ReadProcStatus()
fmt.Println(s.Threads > 0, s.RSS > 0, s.FDs > 0, len(s.String()) > 0, iowait.StackLimit() != 0, iowait.FDLimit() > 0, iowait.ThreadID() > 0)
raw, err := iowait.BlockInSyscalls(10)
fmt.Println(err, raw.Kind, raw.N, raw.During.Threads-raw.Before.Threads >= 5)
after := raw.Release()
fmt.Println(after.Threads <= raw.Before.Threads+3, raw.PerTask().Threads > 0.4)`, `
parked, err := iowait.ParkReaders(50)
fmt.Println(err, parked.Kind, parked.N, parked.During.Goroutines-parked.Before.Goroutines >= 100)
after = parked.Release()
fmt.Println(after.Goroutines <= parked.Before.Goroutines+2, after.FDs <= parked.Before.FDs+2, iowait.FormatBytes(2048))`},
		want: "true true true true true true true\n<nil> read(2) 10 true\ntrue true\n<nil> conn.Read 100 true\ntrue true 2.0 KiB\n",
	},
	{
		name: "poller and raw descriptors",
		why:  "an event-loop turn written in a cell: ListenFD, Poller.Watch/Wait/Wake, AcceptFD, ReadFD, WriteFD",
		cells: []string{`
p, err := iowait.NewPoller()
lfd, addr, err2 := iowait.ListenFD()
fmt.Println(err, err2, p.Watch(lfd))
c, _ := net.Dial("tcp", addr)
ready, _ := p.Wait(5 * time.Second)
fd, err := iowait.AcceptFD(lfd)
fmt.Println(len(ready), ready[0] == lfd, err)
buf := make([]byte, 8)
_, err = iowait.ReadFD(fd, buf)
fmt.Println(err == iowait.ErrWouldBlock)
p.Watch(fd)
c.Write([]byte("hi"))
ready, _ = p.Wait(5 * time.Second)
n, _ := iowait.ReadFD(fd, buf)
w, _ := iowait.WriteFD(fd, buf[:n])
fmt.Println(ready[0] == fd, string(buf[:n]), w)
p.Wake()
ready, err = p.Wait(5 * time.Second)
fmt.Println(len(ready), err)
r, wr, _ := iowait.PipeFD()
p.Unwatch(fd)
c.Close()
fmt.Println(iowait.CloseFD(fd), iowait.CloseFD(lfd), iowait.CloseFD(r), iowait.CloseFD(wr), p.Close())`},
		want: "<nil> <nil> <nil>\n1 true <nil>\ntrue\ntrue hi 2\n0 <nil>\n<nil> <nil> <nil> <nil> <nil>\n",
	},
}

func TestIOWaitFromCells(t *testing.T) { runCells(t, iowaitHeader, iowaitCells) }
