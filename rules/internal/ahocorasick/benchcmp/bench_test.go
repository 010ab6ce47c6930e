package benchcmp

import (
	"fmt"
	"runtime"
	"testing"

	cloudflare "github.com/cloudflare/ahocorasick"
	"github.com/feedguard/feedguard/rules/internal/ahocorasick"
)

// BenchmarkScan scans every haystack with both implementations built from
// the same patterns. feedguard reports every occurrence with its position;
// cloudflare reports the indices of the patterns found.
func BenchmarkScan(b *testing.B) {
	for _, n := range PatternCounts {
		pats := Patterns(n)
		fg, err := ahocorasick.Build(pats)
		if err != nil {
			b.Fatal(err)
		}
		cf := cloudflare.NewMatcher(pats)
		cases := Cases(pats)
		for _, c := range cases {
			b.Run(fmt.Sprintf("impl=feedguard/patterns=%dk/%s", n/1000, c.Name), func(b *testing.B) {
				b.SetBytes(int64(len(c.Haystack)))
				b.ReportAllocs()
				found := 0
				for b.Loop() {
					fg.FindAll(c.Haystack, func(ahocorasick.Match) bool {
						found++
						return true
					})
				}
				b.ReportMetric(float64(found)/float64(b.N), "found/op")
			})
			b.Run(fmt.Sprintf("impl=cloudflare/patterns=%dk/%s", n/1000, c.Name), func(b *testing.B) {
				b.SetBytes(int64(len(c.Haystack)))
				b.ReportAllocs()
				found := 0
				for b.Loop() {
					found += len(cf.Match(c.Haystack))
				}
				b.ReportMetric(float64(found)/float64(b.N), "found/op")
			})
		}
		runtime.KeepAlive(cf)
	}
}

// BenchmarkBuild measures compile time (ns/op) and, with
// runtime.ReadMemStats after a GC before and after the build, the heap held
// by the compiled automaton (heap-bytes) for both implementations.
func BenchmarkBuild(b *testing.B) {
	builders := []struct {
		name  string
		build func([][]byte) any
	}{
		{"feedguard", func(p [][]byte) any {
			a, err := ahocorasick.Build(p)
			if err != nil {
				panic(err)
			}
			return a
		}},
		{"cloudflare", func(p [][]byte) any { return cloudflare.NewMatcher(p) }},
	}
	for _, n := range PatternCounts {
		for _, bl := range builders {
			b.Run(fmt.Sprintf("impl=%s/patterns=%dk", bl.name, n/1000), func(b *testing.B) {
				pats := Patterns(n)
				var before, after runtime.MemStats
				var heap uint64
				for b.Loop() {
					b.StopTimer()
					runtime.GC()
					runtime.ReadMemStats(&before)
					b.StartTimer()
					v := bl.build(pats)
					b.StopTimer()
					runtime.GC()
					runtime.ReadMemStats(&after)
					heap = after.HeapAlloc - before.HeapAlloc
					runtime.KeepAlive(v)
					b.StartTimer()
				}
				b.ReportMetric(float64(heap), "heap-bytes")
			})
		}
	}
}
