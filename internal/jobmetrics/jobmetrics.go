// Package jobmetrics writes a batch job's metrics to a file in the
// Prometheus text format, for node_exporter's textfile collector: while the
// job runs (every few seconds) and when it ends. A batch job is not running
// when Prometheus scrapes, so it leaves its numbers in a file that
// node_exporter serves (--collector.textfile.directory); each write is
// atomic (a temporary file renamed over the old one), so a scrape never
// reads half a file.
//
// Beside the job's own metrics, every file holds, for job "crawler":
//
//	askedat_crawler_running                    1 while the job runs, 0 once it ended
//	askedat_crawler_success                    1 when the job ended without error, else 0
//	askedat_crawler_start_time_seconds         when it started (Unix time)
//	askedat_crawler_end_time_seconds           when it ended (absent while it runs)
//	askedat_crawler_duration_seconds           how long it ran, so far or in all
//	askedat_crawler_last_success_time_seconds  when a run last ended without error, kept from the file of earlier runs
package jobmetrics

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// DefaultEvery is how often a running job writes its file.
const DefaultEvery = 10 * time.Second

// A File is a job's metrics and the file they are written to. Its methods
// do nothing on a nil *File, so a job without -metrics needs no checks.
type File struct {
	path   string
	prefix string // "askedat_" + the job's name + "_"
	reg    *prometheus.Registry
	wrap   prometheus.Registerer // reg, adding the job's labels
	start  time.Time

	mu          sync.Mutex // guards the fields below, read while gathering
	end         time.Time
	ended       bool
	success     bool
	lastSuccess float64 // Unix time, 0 for never

	stop func()
}

// New returns the metrics of job (a name such as "crawler" or "indexer")
// to be written to path, or nil when path is "". Every metric carries
// labels (such as the indexer's command="reindex", so that the files of
// several commands can sit side by side in node_exporter's folder). The
// last success time is read from the file an earlier run left there.
func New(path, job string, labels prometheus.Labels) *File {
	if path == "" {
		return nil
	}
	f := &File{path: path, prefix: "askedat_" + job + "_", reg: prometheus.NewRegistry(), start: time.Now()}
	f.wrap = prometheus.WrapRegistererWith(labels, f.reg)
	if mfs, err := ReadFile(path); err == nil {
		f.lastSuccess, _ = Value(mfs, f.prefix+"last_success_time_seconds", labels)
	}
	gauge := func(name, help string, v func() float64) {
		f.wrap.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: f.prefix + name, Help: help}, func() float64 {
			f.mu.Lock()
			defer f.mu.Unlock()
			return v()
		}))
	}
	gauge("running", "1 while the job runs, 0 once it ended.", func() float64 { return Flag(!f.ended) })
	gauge("success", "1 when the job ended without error, else 0.", func() float64 { return Flag(f.ended && f.success) })
	gauge("start_time_seconds", "When the job started, in Unix time.", func() float64 { return unix(f.start) })
	gauge("duration_seconds", "How long the job ran, so far or in all.", func() float64 {
		if f.ended {
			return f.end.Sub(f.start).Seconds()
		}
		return time.Since(f.start).Seconds()
	})
	gauge("last_success_time_seconds", "When a run of the job last ended without error, in Unix time (0: never).", func() float64 { return f.lastSuccess })
	f.wrap.MustRegister(endCollector{f})
	return f
}

// endCollector reports the end time once there is one.
type endCollector struct{ f *File }

func (c endCollector) desc() *prometheus.Desc {
	return prometheus.NewDesc(c.f.prefix+"end_time_seconds", "When the job ended, in Unix time.", nil, nil)
}

func (c endCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc() }

func (c endCollector) Collect(ch chan<- prometheus.Metric) {
	c.f.mu.Lock()
	defer c.f.mu.Unlock()
	if c.f.ended {
		ch <- prometheus.MustNewConstMetric(c.desc(), prometheus.GaugeValue, unix(c.f.end))
	}
}

// Name returns the full name of one of the job's metrics: "askedat_JOB_name".
func (f *File) Name(name string) string { return f.prefix + name }

// Metric makes one of the job's metrics for a collector's Collect: name
// (without the job's prefix), its help, type and value, and optionally one
// label name and its value.
func (f *File) Metric(name, help string, t prometheus.ValueType, v float64, label ...string) prometheus.Metric {
	var names []string
	if len(label) == 2 {
		names, label = label[:1], label[1:]
	}
	return prometheus.MustNewConstMetric(prometheus.NewDesc(f.prefix+name, help, names, nil), t, v, label...)
}

// Flag is 1 for true, 0 for false: a metric's value.
func Flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// MustRegister adds the job's own metrics, with the job's labels.
func (f *File) MustRegister(cs ...prometheus.Collector) {
	if f != nil {
		f.wrap.MustRegister(cs...)
	}
}

// Write writes the metrics to the file, atomically.
func (f *File) Write() error {
	if f == nil {
		return nil
	}
	if err := prometheus.WriteToTextfile(f.path, f.reg); err != nil {
		return fmt.Errorf("write metrics to %s: %w", f.path, err)
	}
	return nil
}

// Start writes the file now and then every every (DefaultEvery if 0)
// until Finish; errors go to logf.
func (f *File) Start(ctx context.Context, every time.Duration, logf func(format string, args ...any)) {
	if f == nil {
		return
	}
	if every <= 0 {
		every = DefaultEvery
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	write := func() {
		if err := f.Write(); err != nil && logf != nil {
			logf("%v", err)
		}
	}
	write()
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				write()
			}
		}
	}()
	f.stop = func() { cancel(); <-done }
}

// Finish stops the periodic writes, records the end and whether err is nil,
// and writes the file a last time. It returns the error of that write.
func (f *File) Finish(err error) error {
	if f == nil {
		return nil
	}
	if f.stop != nil {
		f.stop()
		f.stop = nil
	}
	f.mu.Lock()
	f.ended, f.end, f.success = true, time.Now(), err == nil
	if f.success {
		f.lastSuccess = unix(f.end)
	}
	f.mu.Unlock()
	return f.Write()
}

// ReadFile parses a file in the Prometheus text format.
func ReadFile(path string) (map[string]*dto.MetricFamily, error) {
	r, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(r)
	if err != nil {
		return nil, fmt.Errorf("parse metrics %s: %w", path, err)
	}
	return mfs, nil
}

// Value returns the value of the metric name whose labels include labels:
// a counter's, a gauge's or an untyped value, a histogram's sample count.
// It reports false when there is no such metric.
func Value(mfs map[string]*dto.MetricFamily, name string, labels map[string]string) (float64, bool) {
	mf, ok := mfs[name]
	if !ok {
		return 0, false
	}
next:
	for _, m := range mf.GetMetric() {
		for k, v := range labels {
			found := false
			for _, lp := range m.GetLabel() {
				if lp.GetName() == k && lp.GetValue() == v {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue(), true
		case m.Gauge != nil:
			return m.GetGauge().GetValue(), true
		case m.Untyped != nil:
			return m.GetUntyped().GetValue(), true
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount()), true
		}
	}
	return 0, false
}

func unix(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }
