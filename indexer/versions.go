package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
)

// The life of a new version of the index, as reindex and update make one
// in a data directory: the job holds the directory's lock and writes its
// report whatever happens (versionJob.finish); the version is made in a
// partial folder, DIR/versions/ID.partial (newPartial; what interrupted
// jobs left there is removed first, cleanPartials), verified there
// (verify), published with its manifest and switched in as current, and
// the versions beyond -keep are pruned (switchIn). Only what comes between
// differs: reindex builds the index afresh (build.go), update applies
// changes to a copy of current (update.go).

// jobHeader starts the report of every job on a data directory.
type jobHeader struct {
	Job        string `json:"job"`
	Data       string `json:"data"`
	OldVersion string `json:"old_version"`
	NewVersion string `json:"new_version"`
	// Switched reports whether current now names NewVersion.
	Switched bool `json:"switched"`
	// Refused says why a version that was built was not switched in
	// (a RefusedError: too small, too many rejected lines, empty).
	Refused string `json:"refused,omitempty"`
	// Removed are old versions removed beyond -keep; Cleaned partial
	// versions of interrupted jobs.
	Removed     []string      `json:"removed_versions"`
	Cleaned     []string      `json:"cleaned_partials"`
	Error       string        `json:"error,omitempty"`
	Took        time.Duration `json:"-"`
	TookSeconds float64       `json:"took_seconds"`
}

func newHeader(job, data string) jobHeader {
	return jobHeader{Job: job, Data: data, Removed: []string{}, Cleaned: []string{}}
}

// finish records the time a job took since start and its error, and writes
// its report rep (which holds h) to DIR/reports and to extra. It returns
// err, or the error of writing the report.
func (h *jobHeader) finish(dd datadir.Dir, extra, id string, rep any, start time.Time, err error) error {
	h.Took = time.Since(start)
	h.TookSeconds = h.Took.Seconds()
	if err != nil {
		h.Error = err.Error()
		var re *RefusedError
		if errors.As(err, &re) {
			h.Refused = re.Reason
		}
	}
	if id == "" {
		id = datadir.NewID(start)
	}
	for _, p := range []string{dd.ReportPath(id, h.Job), extra} {
		if p == "" {
			continue
		}
		if werr := dd.WriteReport(p, rep); werr != nil && err == nil {
			err = werr
		}
	}
	return err
}

// A versionJob is a job that makes a new version of the index in a data
// directory: reindex or update.
type versionJob struct {
	dd    datadir.Dir
	log   jobLog
	hdr   *jobHeader // of the job's report
	start time.Time
	// report is -report: the report is also written there.
	report string
	unlock func() // nil until the lock is held
	// id is the new version, once there is one; published is set once
	// its partial folder has become DIR/versions/ID.
	id        string
	published bool
}

// lock takes the data directory's lock, which finish releases: one job
// at a time, and a second fails at once.
func (j *versionJob) lock() error {
	unlock, err := j.dd.Lock()
	if err != nil {
		return err
	}
	j.unlock = unlock
	return nil
}

// finish ends the job at err: when it held the lock, it writes the report
// rep (which holds j.hdr), named for the new version, and releases the
// lock. It returns err, or the error of writing the report.
func (j *versionJob) finish(rep any, err error) error {
	if j.unlock == nil {
		return err
	}
	err = j.hdr.finish(j.dd, j.report, j.id, rep, j.start, err)
	j.unlock()
	j.unlock = nil
	return err
}

// cleanPartials removes the partial versions that interrupted jobs left,
// except the one resumable (if not nil) says can be resumed, and records
// them in the report.
func (j *versionJob) cleanPartials(resumable func(id string) bool) error {
	ids, err := j.dd.Partials()
	if err != nil {
		return err
	}
	for _, id := range ids {
		if resumable != nil && resumable(id) {
			continue
		}
		if err := j.dd.RemovePartial(id); err != nil {
			return err
		}
		j.log.Info("removed a partial version left by an interrupted job", "version", id)
		j.hdr.Cleaned = append(j.hdr.Cleaned, id)
	}
	return nil
}

// newPartial makes the partial folder of the new version id and returns
// its path.
func (j *versionJob) newPartial(id string) (string, error) {
	p, err := j.dd.NewPartial(id)
	if err != nil {
		return "", err
	}
	j.id = id
	return p, nil
}

// removePartial removes the new version's partial folder, unless it was
// published.
func (j *versionJob) removePartial() {
	if j.id != "" && !j.published {
		j.dd.RemovePartial(j.id)
	}
}

// verify checks the new version, whose index is in dir, before it is
// published: it holds what info says, its mapping version is this
// program's, and n of the candidate smoke queries pass (verifyNew).
func (j *versionJob) verify(ctx context.Context, dir string, info *datadir.Info, candidates []datadir.Smoke, n int, sum *SmokeSummary) error {
	j.log.Info("verifying version", "version", j.id)
	if err := verifyNew(ctx, dir, info, candidates, n, sum); err != nil {
		return fmt.Errorf("verify version %s: %w: not switching it in", j.id, err)
	}
	return nil
}

// switchIn publishes the new version, verified, with its manifest info
// (its partial folder becomes DIR/versions/ID), switches current from
// the report's old version to it, and removes the versions beyond keep.
func (j *versionJob) switchIn(info *datadir.Info, keep int) error {
	if err := j.dd.Publish(j.id, info); err != nil {
		return err
	}
	j.published = true
	j.log.Info("switching current", "from", orNone(j.hdr.OldVersion), "to", j.id)
	if err := j.dd.Switch(j.id); err != nil {
		return err
	}
	j.hdr.Switched = true
	removed, err := j.dd.Prune(keep)
	for _, id := range removed {
		j.log.Info("removed an old version", "version", id, "keep", keep)
	}
	if removed == nil {
		removed = []string{}
	}
	j.hdr.Removed = removed
	return err
}

// verifyNew opens the index just built in dir read-only and checks it
// holds what info says, then runs up to n of the candidate smoke queries,
// keeping in info those that passed. Candidates whose search matches too
// much keep only their experience check.
func verifyNew(ctx context.Context, dir string, info *datadir.Info, candidates []datadir.Smoke, n int, sum *SmokeSummary) error {
	idx, err := index.OpenReadOnly(dir)
	if err != nil {
		return err
	}
	defer idx.Close()
	meta, err := idx.Meta()
	if err != nil {
		return err
	}
	info.MappingVersion = meta.MappingVersion
	if meta.MappingVersion != index.MappingVersion {
		return fmt.Errorf("the index records mapping version %d, want %d", meta.MappingVersion, index.MappingVersion)
	}
	info.Smoke = []datadir.Smoke{}
	for _, s := range candidates {
		if sum.Passed == n {
			break
		}
		sum.Run++
		err := s.Run(ctx, idx)
		if datadir.IsInconclusive(err) {
			sum.Inconclusive++
			s.Query, s.Filters, s.Cluster, s.Want = "", nil, "", ""
			err = nil
		}
		if err != nil {
			return err
		}
		sum.Passed++
		info.Smoke = append(info.Smoke, s)
	}
	// Counts and the recorded smoke queries, exactly as readers check them.
	return datadir.Verify(ctx, idx, info)
}

// currentOrNone returns the current version, or "" when there is none yet.
func currentOrNone(dd datadir.Dir) (string, error) {
	id, err := dd.Current()
	if errors.Is(err, datadir.ErrNoCurrent) {
		return "", nil
	}
	return id, err
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
