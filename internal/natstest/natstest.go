// Package natstest runs a real nats-server for tests: on a free loopback
// port, with JetStream storing in a temporary folder, stopped when the test
// ends. The binary is $NATS_SERVER, nats-server on PATH, or the one go
// install puts in $GOBIN or $GOPATH/bin (go install
// github.com/nats-io/nats-server/v2@v2.15.3; .ci/run does). Without it a
// test is skipped, or fails when CI is set.
package natstest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Install is the command that installs the server these tests use.
const Install = "go install github.com/nats-io/nats-server/v2@v2.15.3"

// A Server is one nats-server process.
type Server struct {
	t    testing.TB
	bin  string
	dir  string // JetStream's store
	port int
	log  string
	cmd  *exec.Cmd
	// URL is the server's client URL, nats://127.0.0.1:PORT.
	URL string
}

// Binary returns the path of nats-server, or "".
func Binary() string {
	if p := os.Getenv("NATS_SERVER"); p != "" {
		return p
	}
	if p, err := exec.LookPath("nats-server"); err == nil {
		return p
	}
	var dirs []string
	if d := os.Getenv("GOBIN"); d != "" {
		dirs = append(dirs, d)
	}
	if d := os.Getenv("GOPATH"); d != "" {
		dirs = append(dirs, filepath.Join(filepath.SplitList(d)[0], "bin"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, "go", "bin"))
	}
	for _, d := range dirs {
		p := filepath.Join(d, "nats-server")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

// Start starts a server for t. It skips t when there is no nats-server
// binary and CI is not set, and fails it when CI is set.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := Binary()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("nats-server is not installed and CI is set: %s (.ci/run does), or set NATS_SERVER to its path", Install)
		}
		t.Skipf("skipping: nats-server is not installed (%s, or set NATS_SERVER to its path)", Install)
	}
	dir := t.TempDir()
	s := &Server{t: t, bin: bin, dir: filepath.Join(dir, "jetstream"), port: freePort(t), log: filepath.Join(dir, "nats-server.log")}
	s.URL = "nats://127.0.0.1:" + strconv.Itoa(s.port)
	s.start()
	t.Cleanup(s.Stop)
	return s
}

func (s *Server) start() {
	s.t.Helper()
	logf, err := os.OpenFile(s.log, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		s.t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command(s.bin, "-a", "127.0.0.1", "-p", strconv.Itoa(s.port), "-js", "-sd", s.dir, "-n", "natstest")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start %s: %v", s.bin, err)
	}
	s.cmd = cmd
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(s.port), time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			s.Stop()
			s.t.Fatalf("nats-server did not listen on port %d within 15s:\n%s", s.port, s.Log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop stops the server (SIGTERM, then SIGKILL after 10s) and waits for it.
// Stopping a stopped server does nothing.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	cmd := s.cmd
	s.cmd = nil
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
	}
}

// Restart stops the server and starts it again on the same port with the
// same store.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	s.start()
}

// Log returns what the server wrote.
func (s *Server) Log() string {
	b, _ := os.ReadFile(s.log)
	return string(b)
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// String names the server for logs.
func (s *Server) String() string { return fmt.Sprintf("nats-server at %s", s.URL) }
