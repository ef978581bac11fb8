package fetch

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// An Exchange is one request and the answer to it, as they went over the
// wire (the answer's body still content-encoded), for an archive.
type Exchange struct {
	URL *url.URL
	// Time is when the request was sent.
	Time time.Time
	// IP is the address of the server, when known.
	IP string
	// Request is the request line and headers, HTTP/1.1 style.
	Request []byte
	// Status is the answer's status code.
	Status int
	// Response is the status line and headers of the answer.
	Response []byte
	// Body is the answer's body as received.
	Body []byte
	// Truncated, when set, says the body was not kept whole (a WARC
	// record's WARC-Truncated): TruncatedLength for one over the size cap,
	// TruncatedUnread for one not read because the answer was refused
	// from its headers (not HTML). Body is then empty.
	Truncated string
}

// Values of Exchange.Truncated, as WARC-Truncated names them.
const (
	TruncatedLength = "length"
	TruncatedUnread = "unspecified"
)

// A Recorder keeps exchanges, for example in a WARC archive.
type Recorder interface {
	Record(*Exchange) error
}

// requestBytes is the request line and headers of req as sent.
func requestBytes(req *http.Request) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "GET %s HTTP/1.1\r\nHost: %s\r\n", req.URL.RequestURI(), req.URL.Host)
	req.Header.Write(&b)
	b.WriteString("\r\n")
	return b.Bytes()
}

// responseBytes is the status line and headers of res. The status line is
// written HTTP/1.1 style whatever the protocol, as WARC readers expect.
func responseBytes(res *http.Response) []byte {
	var b bytes.Buffer
	status := res.Status
	if code := strconv.Itoa(res.StatusCode); !strings.HasPrefix(status, code) {
		status = code + " " + http.StatusText(res.StatusCode)
	}
	fmt.Fprintf(&b, "HTTP/1.1 %s\r\n", status)
	res.Header.Write(&b)
	b.WriteString("\r\n")
	return b.Bytes()
}
