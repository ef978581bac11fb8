package fetch

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// newTransport returns the HTTP transport of a Fetcher: no proxies, bounded
// connect and header times, and a dialer that refuses addresses inside the
// machine or its network unless the URL's host is in cfg.AllowHosts. The
// check runs on the resolved address at connect time, so a DNS name that
// resolves to 127.0.0.1 is refused like the literal.
func newTransport(cfg Config) *http.Transport {
	allowed := make(map[string]bool, len(cfg.AllowHosts))
	for _, h := range cfg.AllowHosts {
		allowed[normHost(h)] = true
	}
	open := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}
	guarded := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second, Control: refusePrivate}
	return &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			if allowed[normHost(host)] {
				return open.DialContext(ctx, network, addr)
			}
			return guarded.DialContext(ctx, network, addr)
		},
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   cfg.ConnectTimeout,
		ResponseHeaderTimeout: cfg.Timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
	}
}

// normHost puts a host name as written in a URL or on the command line in
// one form: lower case, without IPv6 brackets or a trailing dot.
func normHost(h string) string {
	h = strings.TrimSuffix(strings.Trim(strings.ToLower(strings.TrimSpace(h)), "[]"), ".")
	return h
}

// refusePrivate is a net.Dialer Control function: it fails the connection
// when the address about to be dialled is not a public one.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	if !Public(ip) {
		return ErrBlockedAddr
	}
	return nil
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// Public reports whether ip is an address on the public internet: not
// loopback, private (RFC 1918, RFC 4193, carrier-grade NAT), link-local,
// multicast or unspecified.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid(), ip.IsLoopback(), ip.IsPrivate(), ip.IsUnspecified(),
		ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast(),
		ip.IsInterfaceLocalMulticast(), ip.IsMulticast(), cgnat.Contains(ip):
		return false
	}
	if ip.Is4() && ip.As4()[0] == 0 { // 0.0.0.0/8, "this network"
		return false
	}
	return true
}
