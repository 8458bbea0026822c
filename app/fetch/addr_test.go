//go:build !wasm

package fetch

import (
	"net/netip"
	"testing"
)

func TestIsPublic(t *testing.T) {
	for _, c := range []struct {
		addr   string
		public bool
	}{
		{"8.8.8.8", true},
		{"1.1.1.1", true},
		{"93.184.215.14", true},
		{"100.63.255.255", true},
		{"100.128.0.0", true},
		{"172.15.255.255", true},
		{"172.32.0.0", true},
		{"192.0.3.1", true},
		{"223.255.255.255", true},
		{"2606:4700:4700::1111", true},
		{"2a00:1450:4001:830::200e", true},
		{"::ffff:8.8.8.8", true},
		{"64:ff9b::808:808", true}, // NAT64 form of 8.8.8.8
		{"2002:808:808::1", true},  // 6to4 form of 8.8.8.8

		{"0.0.0.0", false},
		{"0.255.255.255", false},
		{"10.0.0.1", false},
		{"10.255.255.255", false},
		{"100.64.0.0", false},
		{"100.127.255.255", false},
		{"100.100.100.200", false},
		{"127.0.0.1", false},
		{"127.255.255.254", false},
		{"169.254.0.1", false},
		{"169.254.169.254", false},
		{"172.16.0.1", false},
		{"172.31.255.255", false},
		{"192.0.0.8", false},
		{"192.0.2.1", false},
		{"192.88.99.1", false},
		{"192.168.0.1", false},
		{"198.18.0.1", false},
		{"198.19.255.255", false},
		{"198.51.100.1", false},
		{"203.0.113.1", false},
		{"224.0.0.1", false},
		{"239.255.255.250", false},
		{"240.0.0.1", false},
		{"255.255.255.255", false},
		{"::", false},
		{"::1", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:10.0.0.1", false},
		{"::ffff:169.254.169.254", false},
		{"::ffff:0.0.0.0", false},
		{"::127.0.0.1", false}, // IPv4-compatible, deprecated
		{"64:ff9b::7f00:1", false},
		{"64:ff9b::a9fe:a9fe", false},
		{"64:ff9b:1::1", false},
		{"100::1", false},
		{"2001::1", false},
		{"2001:db8::1", false},
		{"2001:10::1", false},
		{"2002:a00:1::1", false},
		{"2002:7f00:1::1", false},
		{"3fff::1", false},
		{"5f00::1", false},
		{"fc00::1", false},
		{"fd00:ec2::254", false},
		{"fe80::1", false},
		{"fe80::1%eth0", false},
		{"febf::1", false},
		{"fec0::1", false},
		{"ff02::1", false},
		{"ff0e::1", false},
	} {
		a := netip.MustParseAddr(c.addr)
		if got := IsPublic(a); got != c.public {
			t.Errorf("IsPublic(%s) = %v, want %v", a, got, c.public)
		}
	}
}

func TestAllowPrivatePolicy(t *testing.T) {
	p := policy{private: true}
	for _, c := range []struct {
		addr    string
		allowed bool
	}{
		{"127.0.0.1:80", true},
		{"10.0.0.5:8080", true},
		{"192.168.1.1:443", true},
		{"169.254.1.1:80", true},
		{"[fe80::1]:80", true},
		{"[fc00::1]:80", true},
		{"8.8.8.8:80", true},
		{"169.254.169.254:80", false},
		{"169.254.170.2:80", false},
		{"[fd00:ec2::254]:80", false},
		{"[::ffff:169.254.169.254]:80", false},
		{"100.100.100.200:80", false},
		{"0.0.0.0:80", false},
		{"[::]:80", false},
		{"224.0.0.1:80", false},
		{"255.255.255.255:80", false},
	} {
		err := p.check("host.example", "tcp4", c.addr)
		if (err == nil) != c.allowed {
			t.Errorf("with AllowPrivate, dialling %s: %v, want allowed %v", c.addr, err, c.allowed)
		}
	}
	if err := p.check("host.example", "udp", "8.8.8.8:53"); err == nil {
		t.Error("a UDP dial was allowed")
	}
	if err := (policy{}).check("host.example", "tcp4", "not an address"); err == nil {
		t.Error("an unparsable address was allowed")
	}
}
