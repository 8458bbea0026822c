//go:build !wasm

package fetch

import (
	"net/netip"
)

// IsPublic reports whether the default address policy lets the server fetch
// from a: a public unicast address, neither loopback, private (RFC 1918, fc00::/7),
// link-local (169.254.0.0/16, fe80::/10), shared (100.64.0.0/10), unspecified,
// "this network" (0.0.0.0/8), multicast, broadcast, reserved, documentation
// nor benchmarking, nor any of these in IPv4-mapped, NAT64 (64:ff9b::/96) or
// 6to4 (2002::/16) form. Of IPv6 only global unicast (2000::/3) can be public.
func IsPublic(a netip.Addr) bool {
	return never(a) == "" && nonPublic(a) == ""
}

// A block is a range of addresses and what to call one of them in a message.
type block struct {
	prefix netip.Prefix
	what   string
}

func blocks(list ...string) []block {
	b := make([]block, 0, len(list)/2)
	for i := 0; i < len(list); i += 2 {
		b = append(b, block{netip.MustParsePrefix(list[i]), list[i+1]})
	}
	return b
}

// metadata holds the cloud providers' instance metadata services, which hand
// out credentials to whoever asks from inside the instance: refused even
// with AllowPrivate.
var metadata = []netip.Addr{
	netip.MustParseAddr("169.254.169.254"), // AWS, Google Cloud, Azure, Oracle, DigitalOcean…
	netip.MustParseAddr("169.254.170.2"),   // AWS ECS task metadata
	netip.MustParseAddr("169.254.170.23"),  // AWS EKS pod identity
	netip.MustParseAddr("fd00:ec2::254"),   // AWS, over IPv6
	netip.MustParseAddr("fd00:ec2::23"),    // AWS EKS pod identity, over IPv6
	netip.MustParseAddr("100.100.100.200"), // Alibaba Cloud
}

// neverBlocks are ranges no web page is served from, refused even with AllowPrivate.
var neverBlocks = blocks(
	"0.0.0.0/8", "a “this network” address",
	"224.0.0.0/4", "a multicast address",
	"ff00::/8", "a multicast address",
)

// never says what a is when no policy but a custom Allow lets the server
// fetch from it ("the cloud metadata service"), or "" when it is not such an
// address.
func never(a netip.Addr) string {
	a = a.Unmap().WithZone("")
	for _, m := range metadata {
		if a == m {
			return "the cloud metadata service"
		}
	}
	switch {
	case a.IsUnspecified():
		return "the unspecified address"
	case a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "the broadcast address"
	}
	for _, b := range neverBlocks {
		if b.prefix.Contains(a) {
			return b.what
		}
	}
	return ""
}

var v4Blocks = blocks(
	"0.0.0.0/8", "a “this network” address",
	"10.0.0.0/8", "a private address",
	"100.64.0.0/10", "a shared (carrier-grade NAT) address",
	"127.0.0.0/8", "a loopback address",
	"169.254.0.0/16", "a link-local address",
	"172.16.0.0/12", "a private address",
	"192.0.0.0/24", "a reserved address",
	"192.0.2.0/24", "a documentation address",
	"192.88.99.0/24", "a reserved address",
	"192.168.0.0/16", "a private address",
	"198.18.0.0/15", "a benchmarking address",
	"198.51.100.0/24", "a documentation address",
	"203.0.113.0/24", "a documentation address",
	"224.0.0.0/4", "a multicast address",
	"240.0.0.0/4", "a reserved address",
)

// v6Blocks are checked in order, so the narrower ranges come first.
var v6Blocks = blocks(
	"::/128", "the unspecified address",
	"::1/128", "a loopback address",
	"100::/64", "a discard-only address",
	"64:ff9b:1::/48", "a local NAT64 address",
	"fc00::/7", "a private address",
	"fe80::/10", "a link-local address",
	"fec0::/10", "a site-local address",
	"ff00::/8", "a multicast address",
	"2001::/32", "a Teredo tunnel address",
	"2001:db8::/32", "a documentation address",
	"2001::/23", "a reserved address",
	"3fff::/20", "a documentation address",
)

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
	globalV6  = netip.MustParsePrefix("2000::/3")
)

// nonPublic says what a is when it is not a public address ("a private
// address"), or "" when it is public.
func nonPublic(a netip.Addr) string {
	a = a.WithZone("")
	if a.Is4In6() {
		return nonPublic(a.Unmap())
	}
	if a.Is4() {
		if a == netip.AddrFrom4([4]byte{255, 255, 255, 255}) {
			return "the broadcast address"
		}
		if a == netip.IPv4Unspecified() {
			return "the unspecified address"
		}
		for _, b := range v4Blocks {
			if b.prefix.Contains(a) {
				return b.what
			}
		}
		return ""
	}
	if nat64.Contains(a) || sixToFour.Contains(a) {
		// Both carry an IPv4 address, which a gateway then reaches.
		b := a.As16()
		var v4 netip.Addr
		kind := "a NAT64"
		if nat64.Contains(a) {
			v4 = netip.AddrFrom4([4]byte(b[12:16]))
		} else {
			v4 = netip.AddrFrom4([4]byte(b[2:6]))
			kind = "a 6to4"
		}
		if what := nonPublic(v4); what != "" {
			return kind + " form of " + v4.String() + ", " + what
		}
		return ""
	}
	for _, b := range v6Blocks {
		if b.prefix.Contains(a) {
			return b.what
		}
	}
	if !globalV6.Contains(a) {
		return "a reserved address"
	}
	return ""
}
