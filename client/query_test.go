package client

import (
	"net/url"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
)

func TestSearchQuery(t *testing.T) {
	tests := []struct {
		name string
		req  askedat.Request
		want url.Values
	}{
		{"nothing: searchd's defaults", askedat.Request{}, url.Values{}},
		{"every field", askedat.Request{Query: "lru cache", Filters: map[string][]string{"difficulty": {"Hard"}, "company": {"Amazon", "Google"}},
			Type: "question", Sort: "date", From: 40, Size: 20, FacetSize: 50, DateInterval: "month", Cluster: "lru", Collapse: "cluster", DifficultySource: "stated",
			DateFrom: "2023", DateTo: "2024-06-30"},
			url.Values{"q": {"lru cache"}, "company": {"Amazon", "Google"}, "difficulty": {"Hard"}, "type": {"question"}, "sort": {"date"},
				"page": {"3"}, "size": {"20"}, "facet_size": {"50"}, "date_interval": {"month"}, "cluster": {"lru"}, "collapse": {"cluster"}, "difficulty_source": {"stated"},
				"date_from": {"2023"}, "date_to": {"2024-06-30"}}},
		{"a page of the default size", askedat.Request{From: 10}, url.Values{"page": {"2"}}},
		{"a cursor", askedat.Request{Cursor: "abc"}, url.Values{"cursor": {"abc"}}},
		{"an unknown filter goes out for searchd to refuse", askedat.Request{Filters: map[string][]string{"compnay": {"x"}}}, url.Values{"compnay": {"x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := searchQuery(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("searchQuery (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSearchQuerySendsEveryField fails when askedat.Request gains a field
// that searchQuery does not send: each field, set alone, must change the
// query.
func TestSearchQuerySendsEveryField(t *testing.T) {
	rt := reflect.TypeFor[askedat.Request]()
	for i := range rt.NumField() {
		f := rt.Field(i)
		var r askedat.Request
		v := reflect.ValueOf(&r).Elem().Field(i)
		switch f.Type.Kind() {
		case reflect.String:
			v.SetString("x")
		case reflect.Int:
			v.SetInt(20) // From 20 is page 3 of the default size
		case reflect.Map:
			v.Set(reflect.ValueOf(map[string][]string{"company": {"x"}}))
		default:
			t.Fatalf("Request.%s is a %s, which this test cannot set: teach it, and searchQuery to send it", f.Name, f.Type)
		}
		q, err := searchQuery(r)
		if err != nil {
			t.Fatalf("Request.%s set: %v", f.Name, err)
		}
		if len(q) == 0 {
			t.Errorf("Request.%s set alone sends nothing: searchQuery does not know it", f.Name)
		}
	}
}
