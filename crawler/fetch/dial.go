package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// newTransport returns the HTTP transport of a Fetcher: no proxies, no
// transparent decompression (Fetcher.get decompresses under its size cap),
// bounded connect and header times, and a dialer that refuses addresses
// inside the machine or its network unless the URL's host is in
// cfg.AllowHosts. The host is resolved once, every answer is checked, and
// the checked address is the one dialled, so a DNS name that resolves to
// 127.0.0.1 is refused like the literal and a second answer cannot swap
// in another address. The dialer's Control function checks the address
// again just before connecting.
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
			host, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			ok := allowed[normHost(host)]
			ips, err := resolve(ctx, cfg.LookupHost, host)
			if err != nil {
				return nil, err
			}
			d := guarded
			if ok {
				d = open
			}
			var errs []error
			for _, ip := range ips {
				if !ok && !Public(ip) {
					errs = append(errs, fmt.Errorf("dial %s (%s): %w", host, ip, ErrBlockedAddr))
					continue
				}
				c, err := d.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
				if err == nil {
					return c, nil
				}
				errs = append(errs, err)
			}
			return nil, errors.Join(errs...)
		},
		DisableCompression:    true,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   cfg.ConnectTimeout,
		ResponseHeaderTimeout: cfg.Timeout,
		MaxIdleConnsPerHost:   max(2, cfg.PerHost),
		IdleConnTimeout:       90 * time.Second,
	}
}

// resolve returns the addresses of host: itself when it is an address,
// else what lookup answers.
func resolve(ctx context.Context, lookup func(context.Context, string) ([]netip.Addr, error), host string) ([]netip.Addr, error) {
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return []netip.Addr{ip}, nil
	}
	ips, err := lookup(ctx, host)
	if err != nil {
		return nil, fmt.Errorf("resolve %s: %w", host, err)
	}
	if len(ips) == 0 {
		return nil, fmt.Errorf("resolve %s: no addresses", host)
	}
	return ips, nil
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
