package main

import "testing"

func TestMemoryLimit(t *testing.T) {
	total := physicalMemory()
	if total <= 0 {
		t.Skip("no /proc/meminfo here")
	}
	if got, want := memoryLimit(), max(int64(minMemoryLimit), total/4); got != want {
		t.Errorf("memoryLimit() = %d, want %d (a quarter of %d, at least %d)", got, want, total, minMemoryLimit)
	}
	if total < 1<<28 || total > 1<<50 {
		t.Errorf("physicalMemory() = %d bytes: not a machine's memory", total)
	}
}
