package jobmetrics

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

func TestFileWhileRunningAndAtTheEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "job.prom")
	f := New(path, "test", nil)
	pages := prometheus.NewCounter(prometheus.CounterOpts{Name: f.Name("pages_total"), Help: "Pages."})
	f.MustRegister(pages)
	f.Start(context.Background(), time.Millisecond, t.Logf)
	// The first write comes at once; later ones show later counts.
	mfs, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := Value(mfs, "askedat_test_running", nil); v != 1 {
		t.Errorf("running = %v while running, want 1", v)
	}
	if _, ok := Value(mfs, "askedat_test_end_time_seconds", nil); ok {
		t.Error("end_time_seconds is written while the job runs")
	}
	pages.Add(7)
	deadline := time.Now().Add(10 * time.Second)
	for {
		mfs, err = ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := Value(mfs, "askedat_test_pages_total", nil); v == 7 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the periodic write never showed pages_total 7")
		}
		time.Sleep(time.Millisecond)
	}
	if err := f.Finish(nil); err != nil {
		t.Fatal(err)
	}
	mfs, err = ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"askedat_test_running": 0, "askedat_test_success": 1, "askedat_test_pages_total": 7}
	for name, w := range want {
		if v, ok := Value(mfs, name, nil); !ok || v != w {
			t.Errorf("%s = %v (present %v), want %v", name, v, ok, w)
		}
	}
	end, _ := Value(mfs, "askedat_test_end_time_seconds", nil)
	start, _ := Value(mfs, "askedat_test_start_time_seconds", nil)
	last, _ := Value(mfs, "askedat_test_last_success_time_seconds", nil)
	if !(start > 0 && end >= start && last == end) {
		t.Errorf("start %v, end %v, last success %v: want 0 < start <= end = last success", start, end, last)
	}

	// A failed run keeps the last success of the one before.
	g := New(path, "test", nil)
	if err := g.Finish(errors.New("broke")); err != nil {
		t.Fatal(err)
	}
	mfs, err = ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := Value(mfs, "askedat_test_success", nil); v != 0 {
		t.Errorf("success = %v after a failed run, want 0", v)
	}
	if v, _ := Value(mfs, "askedat_test_last_success_time_seconds", nil); v != last {
		t.Errorf("last_success_time_seconds = %v after a failed run, want the earlier run's %v", v, last)
	}
}

func TestNilFile(t *testing.T) {
	f := New("", "test", nil)
	if f != nil {
		t.Fatalf("New(\"\", …) = %v, want nil", f)
	}
	f.Start(context.Background(), 0, nil)
	f.MustRegister(prometheus.NewCounter(prometheus.CounterOpts{Name: "x", Help: "x"}))
	if err := f.Finish(nil); err != nil {
		t.Errorf("Finish on a nil File = %v, want nil", err)
	}
}

func TestLabels(t *testing.T) {
	path := filepath.Join(t.TempDir(), "job.prom")
	labels := prometheus.Labels{"command": "reindex"}
	f := New(path, "test", labels)
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: f.Name("lines_total"), Help: "Lines."})
	f.MustRegister(c)
	c.Add(3)
	if err := f.Finish(nil); err != nil {
		t.Fatal(err)
	}
	mfs, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"askedat_test_lines_total", "askedat_test_success", "askedat_test_end_time_seconds"} {
		if _, ok := Value(mfs, name, labels); !ok {
			t.Errorf("%s lacks the label command=reindex", name)
		}
	}
	// The next run with the same labels keeps the last success.
	last, _ := Value(mfs, "askedat_test_last_success_time_seconds", labels)
	g := New(path, "test", labels)
	g.Finish(errors.New("broke"))
	mfs, _ = ReadFile(path)
	if v, _ := Value(mfs, "askedat_test_last_success_time_seconds", labels); v != last || last == 0 {
		t.Errorf("last success %v after a failed run, want %v", v, last)
	}
}
