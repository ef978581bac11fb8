package main

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/askedat/askedat/internal/jobmetrics"
)

// jobMetrics are an indexer command's counters for -metrics FILE, written
// in the Prometheus text format for node_exporter's textfile collector
// while the command runs and when it ends. Every metric carries the label
// command (build, reindex, update, rollback). Its methods do nothing on a
// nil *jobMetrics.
type jobMetrics struct {
	f *jobmetrics.File

	// Published by the loop that reads the documents, read by the
	// periodic writes.
	read, indexed, rejected, replaced, batches, unchanged atomic.Int64

	mu    sync.Mutex // guards final
	final finalCounts
}

// finalCounts are known when the command ends.
type finalCounts struct {
	ended                 bool
	documents, questions  uint64
	clusters, smokePassed int
	version               string // the version made ("" for build and when none was)
	switched              bool
	onData                bool // a command on a data directory: it switches versions
}

func newJobMetrics(path, command string) *jobMetrics {
	f := jobmetrics.New(path, "indexer", prometheus.Labels{"command": command})
	if f == nil {
		return nil
	}
	m := &jobMetrics{f: f}
	f.MustRegister(indexerCollector{m})
	return m
}

// start begins the periodic writes.
func (m *jobMetrics) start(ctx context.Context, jl jobLog) {
	if m == nil {
		return
	}
	m.f.Start(ctx, 0, jl.metricsf)
}

// lines publishes the counts of a build so far.
func (m *jobMetrics) lines(r *Report) {
	if m == nil {
		return
	}
	m.read.Store(int64(r.Read))
	m.indexed.Store(int64(r.Indexed))
	m.rejected.Store(int64(len(r.Rejected)))
	m.replaced.Store(int64(r.Replaced))
}

// batchDone publishes the counts of an update after a batch on disk.
func (m *jobMetrics) batchDone(p updateProgress) {
	if m == nil {
		return
	}
	m.read.Store(int64(p.Read))
	m.indexed.Store(int64(p.changed()))
	m.rejected.Store(int64(len(p.Rejected)))
	m.unchanged.Store(int64(p.Unchanged))
	m.batches.Store(int64(p.Batches))
}

// finish takes the final counts from the command's report, rep, and writes
// the file a last time; a file that cannot be written is logged, not
// returned as the command's error.
func (m *jobMetrics) finish(rep any, err error, jl jobLog) {
	if m == nil {
		return
	}
	var fc finalCounts
	switch r := rep.(type) {
	case *Report:
		m.lines(r)
		fc.documents, fc.questions, fc.clusters = r.Documents, uint64(r.Questions), r.Clusters
	case *JobReport:
		m.lines(&Report{Read: r.Read, Indexed: r.Indexed, Rejected: r.Rejected, Replaced: r.Replaced})
		fc.documents, fc.questions, fc.clusters, fc.smokePassed = r.Documents, uint64(r.Questions), r.Clusters, r.Smoke.Passed
		fc.version, fc.switched, fc.onData = r.NewVersion, r.Switched, true
	case *UpdateReport:
		m.read.Store(int64(r.Read))
		m.indexed.Store(int64(r.Changed))
		m.rejected.Store(int64(len(r.Rejected)))
		m.unchanged.Store(int64(r.Unchanged))
		m.batches.Store(int64(len(r.Batches)))
		if r.Resumed != nil {
			m.batches.Add(int64(r.Resumed.BatchesDone))
		}
		fc.documents, fc.questions, fc.smokePassed = r.Experiences+r.Questions, r.Questions, r.Smoke.Passed
		fc.version, fc.switched, fc.onData = r.NewVersion, r.Switched, true
	case *RollbackReport:
		fc.version, fc.switched, fc.onData = r.NewVersion, r.Switched, true
	}
	fc.ended = true
	m.mu.Lock()
	m.final = fc
	m.mu.Unlock()
	if werr := m.f.Finish(err); werr != nil {
		jl.metricsf("%v", werr)
	}
}

type indexerCollector struct{ m *jobMetrics }

// Describe sends nothing: the collector is unchecked.
func (indexerCollector) Describe(chan<- *prometheus.Desc) {}

func (c indexerCollector) Collect(ch chan<- prometheus.Metric) {
	m := c.m
	metric := func(name, help string, t prometheus.ValueType, v float64, label ...string) {
		ch <- m.f.Metric(name, help, t, v, label...)
	}
	metric("lines_read_total", "Lines of documents read (each an experience or, for update, a deletion).", prometheus.CounterValue, float64(m.read.Load()))
	metric("experiences_indexed_total", "Experiences indexed (update: added, modified or deleted).", prometheus.CounterValue, float64(m.indexed.Load()))
	metric("rejected_total", "Lines rejected: not JSON, or not a valid experience.", prometheus.CounterValue, float64(m.rejected.Load()))
	metric("replaced_total", "Experiences that a later line replaced.", prometheus.CounterValue, float64(m.replaced.Load()))
	metric("unchanged_total", "Update: lines that changed nothing.", prometheus.CounterValue, float64(m.unchanged.Load()))
	metric("batches_total", "Update: batches written and on disk.", prometheus.CounterValue, float64(m.batches.Load()))
	m.mu.Lock()
	fc := m.final
	m.mu.Unlock()
	if !fc.ended {
		return
	}
	metric("documents", "Documents (questions and experiences) in the index made.", prometheus.GaugeValue, float64(fc.documents))
	metric("questions", "Questions in the index made.", prometheus.GaugeValue, float64(fc.questions))
	metric("clusters", "Clusters of the same question (build, reindex).", prometheus.GaugeValue, float64(fc.clusters))
	metric("smoke_passed", "Smoke queries that passed before the switch.", prometheus.GaugeValue, float64(fc.smokePassed))
	if fc.onData {
		metric("switched", "1 when current now names the version made, else 0.", prometheus.GaugeValue, jobmetrics.Flag(fc.switched))
	}
	if fc.onData && fc.version != "" {
		metric("version_info", "The version the command made or switched to (label version); always 1.", prometheus.GaugeValue, 1, "version", fc.version)
	}
}
