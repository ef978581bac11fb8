package askedat

import (
	"errors"
	"strings"

	"github.com/askedat/askedat/query"
)

// Dates returns r's date range as the index reads it: DateFrom from the
// first day of the year, month or day it names, DateTo to the last, with
// the spaces around them ignored. It returns a *RequestError for an end
// that is no date and for a range that starts after it ends.
func (r *Request) Dates() (DateRange, error) {
	var d DateRange
	var err error
	if from := strings.TrimSpace(r.DateFrom); from != "" {
		if d.From, err = query.StartDay(from); err != nil {
			return d, dateError("date_from", err)
		}
	}
	if to := strings.TrimSpace(r.DateTo); to != "" {
		if d.To, err = query.EndDay(to); err != nil {
			return d, dateError("date_to", err)
		}
	}
	if d.Reversed() {
		return d, badRequest("the date range is reversed: date_from %s is after date_to %s; give the earlier day as date_from", d.From, d.To)
	}
	return d, nil
}

// normalizeDates writes r's date range as days (Dates), or says what is
// wrong with it.
func (r *Request) normalizeDates() error {
	d, err := r.Dates()
	if err != nil {
		return err
	}
	r.DateFrom, r.DateTo = d.From, d.To
	return nil
}

// dateError is the query package's error about the date given as name, as
// a *RequestError that names it.
func dateError(name string, err error) error {
	var qe *query.Error
	if errors.As(err, &qe) {
		return badRequest("%s: %s", name, qe.Msg)
	}
	return err
}
