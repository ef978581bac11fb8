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

	"golang.org/x/net/idna"
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
			return dialEach(ctx, host, ips, func(ip netip.Addr) bool { return ok || Public(ip) },
				func(ctx context.Context, ip netip.Addr) (net.Conn, error) {
					return d.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
				})
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
// one form: lower case, without IPv6 brackets or a trailing dot, an
// international name in its ASCII form (as URLs are normalised), so
// -allow-host bücher.example allows the URLs of xn--bcher-kva.example.
func normHost(h string) string {
	h = strings.TrimSuffix(strings.Trim(strings.ToLower(strings.TrimSpace(h)), "[]"), ".")
	if a, err := idna.Lookup.ToASCII(h); err == nil {
		h = a
	}
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

// dialEach dials the addresses of host in turn, skipping those allowed
// refuses, and returns the first connection made. The error wraps
// ErrBlockedAddr only when every address was refused: a host with one
// refused address and one that did not answer has a network failure, to be
// tried again, not a policy refusal.
func dialEach(ctx context.Context, host string, ips []netip.Addr, allowed func(netip.Addr) bool,
	dial func(context.Context, netip.Addr) (net.Conn, error)) (net.Conn, error) {
	var refused []string
	var errs []error
	for _, ip := range ips {
		if !allowed(ip) {
			refused = append(refused, ip.String())
			continue
		}
		c, err := dial(ctx, ip)
		if err == nil {
			return c, nil
		}
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		return nil, fmt.Errorf("dial %s (%s): %w", host, strings.Join(refused, ", "), ErrBlockedAddr)
	}
	if len(refused) > 0 {
		errs = append(errs, fmt.Errorf("dial %s: %s not tried (not public)", host, strings.Join(refused, ", ")))
	}
	return nil, errors.Join(errs...)
}

// notGlobal are the ranges of the IANA special-purpose address registries
// (RFC 6890 and its updates) that are not reachable on the public
// internet, beyond what netip's predicates cover (loopback, RFC 1918 and
// RFC 4193 private, link-local, multicast, unspecified).
var notGlobal = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT, RFC 6598
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // TEST-NET-1
	netip.MustParsePrefix("192.88.99.0/24"),  // 6to4 relay anycast, deprecated
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // TEST-NET-2
	netip.MustParsePrefix("203.0.113.0/24"),  // TEST-NET-3
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and 255.255.255.255 broadcast
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001::/32"),       // Teredo: a tunnel to anywhere
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("3fff::/20"),       // documentation, RFC 9637
	netip.MustParsePrefix("fec0::/10"),       // site-local, deprecated but routed by some
	// Local-use NAT64 (RFC 8215): the IPv4 address a /48 to /96 prefix
	// carries sits in a different place for each length, which cannot be
	// known here, so the range is refused whole rather than read wrong.
	netip.MustParsePrefix("64:ff9b:1::/48"),
}

// IPv6 ranges that carry an IPv4 address: the address they reach is the
// IPv4 one, which is checked in its place.
var (
	nat64       = netip.MustParsePrefix("64:ff9b::/96")    // RFC 6052 well-known prefix
	sixToFour   = netip.MustParsePrefix("2002::/16")       // RFC 3056
	v4Compat    = netip.MustParsePrefix("::/96")           // IPv4-compatible, deprecated
	v4Translate = netip.MustParsePrefix("::ffff:0:0:0/96") // IPv4-translated, RFC 2765
)

// Public reports whether ip is an address on the public internet: not
// loopback, private (RFC 1918, RFC 4193, carrier-grade NAT), link-local,
// multicast, unspecified, nor in a range reserved for documentation,
// benchmarks, protocols or the future (notGlobal). An IPv6 address that
// carries an IPv4 one (mapped, translated, compatible, NAT64, 6to4) is
// public only when that IPv4 address is.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid(), ip.IsLoopback(), ip.IsPrivate(), ip.IsUnspecified(),
		ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast(),
		ip.IsInterfaceLocalMulticast(), ip.IsMulticast():
		return false
	}
	for _, p := range notGlobal {
		if p.Contains(ip) {
			return false
		}
	}
	if ip.Is4() {
		return true
	}
	if v4, ok := embeddedIPv4(ip); ok {
		return Public(v4)
	}
	return true
}

// embeddedIPv4 returns the IPv4 address an IPv6 address carries, by the
// range it is in, and whether it carries one.
func embeddedIPv4(ip netip.Addr) (netip.Addr, bool) {
	b := ip.As16()
	switch {
	case nat64.Contains(ip), v4Compat.Contains(ip), v4Translate.Contains(ip):
		return netip.AddrFrom4([4]byte(b[12:16])), true
	case sixToFour.Contains(ip):
		return netip.AddrFrom4([4]byte(b[2:6])), true
	}
	return netip.Addr{}, false
}
