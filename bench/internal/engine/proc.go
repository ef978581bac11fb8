package engine

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// DirSize returns the bytes of the regular files under dir.
func DirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

// ResetDir removes dir and makes it anew, empty.
func ResetDir(dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.MkdirAll(dir, 0o755)
}

// RunMeasured runs cmd to its end and returns its wall time and the peak
// resident memory of it and its waited-for children (from the kernel's
// rusage), 0 if unknown.
func RunMeasured(cmd *exec.Cmd) (time.Duration, int64, error) {
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	var rss int64
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss * 1024 // kilobytes on Linux
		}
	}
	if err != nil {
		return took, rss, fmt.Errorf("%s: %w", filepath.Base(cmd.Path), err)
	}
	return took, rss, nil
}

// SelfPeakRSS returns the peak resident memory of this process.
func SelfPeakRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024
}

// ProcMemory reads VmRSS and VmHWM of process pid from /proc.
func ProcMemory(pid int) Memory {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return Memory{Note: err.Error()}
	}
	defer f.Close()
	var m Memory
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			continue
		}
		switch k {
		case "VmRSS":
			m.RSSBytes = kb * 1024
		case "VmHWM":
			m.HWMBytes = kb * 1024
		}
	}
	return m
}

// ProcPss returns the proportional set size of process pid (its share of
// the pages it shares with others, such as a database's shared buffers).
func ProcPss(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Pss:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// Children returns the ids of the processes whose parent is pid.
func Children(pid int) []int {
	var out []int
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		id, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			out = append(out, id)
		}
	}
	return out
}

// WaitTCP waits until addr accepts connections, or the timeout passes, or
// exited is closed (the server died).
func WaitTCP(ctx context.Context, addr string, timeout time.Duration, exited <-chan struct{}) error {
	deadline := time.Now().Add(timeout)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s did not accept connections within %v: %w", addr, timeout, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-exited:
			return errors.New("the server exited before it was ready")
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// A Server is a process started by the benchmark, stopped by Stop.
type Server struct {
	Cmd    *exec.Cmd
	Exited chan struct{} // closed when the process has exited
	err    error
}

// StartServer starts cmd with its output going to log.
func StartServer(cmd *exec.Cmd, log io.Writer) (*Server, error) {
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &Server{Cmd: cmd, Exited: make(chan struct{})}
	go func() { s.err = cmd.Wait(); close(s.Exited) }()
	return s, nil
}

// Stop sends SIGTERM and waits up to 30 s for the process to exit, then
// kills it.
func (s *Server) Stop() error {
	select {
	case <-s.Exited:
		return fmt.Errorf("%s had already exited: %v", filepath.Base(s.Cmd.Path), s.err)
	default:
	}
	s.Cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.Exited:
		return nil
	case <-time.After(30 * time.Second):
		s.Cmd.Process.Kill()
		<-s.Exited
		return fmt.Errorf("%s did not stop within 30s of SIGTERM; killed", filepath.Base(s.Cmd.Path))
	}
}

// FindBinary returns the first of paths that is an executable file.
func FindBinary(paths ...string) (string, error) {
	for _, p := range paths {
		if matches, _ := filepath.Glob(p); len(matches) > 0 {
			p = matches[len(matches)-1]
		}
		if info, err := os.Stat(p); err == nil && !info.IsDir() && info.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("none of %s is installed", strings.Join(paths, ", "))
}

// Facet returns the values of one facet as askedat lists them: by count,
// most first, then by value; cut to FacetSize; then each ticked value (a
// value the field is filtered by) that the cut left out, with its count,
// even 0. Values "" (no value) are left out.
func Facet(counts map[string]int64, ticked []string) []FacetValue {
	out := make([]FacetValue, 0, len(counts))
	for v, n := range counts {
		if v != "" && n > 0 {
			out = append(out, FacetValue{v, n})
		}
	}
	sortFacetValues(out)
	if len(out) > FacetSize {
		out = out[:FacetSize]
	}
	for _, v := range ticked {
		listed := false
		for _, x := range out {
			listed = listed || x.Value == v
		}
		if !listed {
			out = append(out, FacetValue{v, counts[v]})
		}
	}
	return out
}
